import Foundation
import XCTest

@testable import Autopilot

final class HourOfWeekTests: XCTestCase {
    private func date(_ text: String) throws -> Date { try XCTUnwrap(ISO8601DateFormatter().date(from: text)) }

    func testHoursOfKnownDatesCountFromMondayMidnightUTC() throws {
        XCTAssertEqual(HourOfWeek(date: try date("2024-01-01T00:00:00Z")).index, 0)  // a Monday
        XCTAssertEqual(HourOfWeek(date: try date("2024-01-01T13:59:59Z")).index, 13)
        XCTAssertEqual(HourOfWeek(date: try date("2024-01-07T23:30:00Z")).index, 167)
        XCTAssertEqual(HourOfWeek(date: try date("2024-01-10T09:00:00+02:00")).index, 2 * 24 + 7)
        XCTAssertEqual(HourOfWeek(date: try date("1969-12-31T23:00:00Z")).index, 2 * 24 + 23)  // a Wednesday
        XCTAssertEqual(HourOfWeek(26).description, "Tue 02:00 UTC")
        XCTAssertEqual(HourOfWeek(-1).index, 167)
    }

    func testNextStartIsTheFirstBeginningOfThatHourAtOrAfterTheDate() throws {
        let monday = try date("2024-01-01T10:30:00Z")
        XCTAssertEqual(HourOfWeek(11).nextStart(after: monday), try date("2024-01-01T11:00:00Z"))
        XCTAssertEqual(HourOfWeek(10).nextStart(after: monday), try date("2024-01-08T10:00:00Z"))
        XCTAssertEqual(
            HourOfWeek(10).nextStart(after: try date("2024-01-01T10:00:00Z")), try date("2024-01-01T10:00:00Z"))
        XCTAssertEqual(HourOfWeek(2).nextStart(after: monday), try date("2024-01-08T02:00:00Z"))
    }
}
