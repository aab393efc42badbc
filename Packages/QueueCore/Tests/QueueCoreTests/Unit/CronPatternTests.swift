import Foundation
import QueueCore
import XCTest

/// Next run times of cron patterns, in memory. Every expected time below was computed with croniter 2.0.7,
/// the library Python bullmq 3.4.4 uses, called as bullmq calls it (`second_at_beginning=True`, a fresh
/// iterator per computation, the base read in the zone); the system tests compare against bullmq live.
final class CronPatternTests: XCTestCase {
    private func next(_ pattern: String, _ base: String, zone: String = "UTC") throws -> String? {
        let timeZone = try XCTUnwrap(TimeZone(identifier: zone))
        let result = try CronPattern(pattern).nextFireTime(after: try milliseconds(base), timeZone: timeZone)
        return result.map(CronPatternTests.iso)
    }

    private func milliseconds(_ text: String) throws -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let withFraction = text.contains(".") ? text : text.replacingOccurrences(of: "Z", with: ".000Z")
        let date = try XCTUnwrap(formatter.date(from: withFraction), "bad test time \(text)")
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    private static func iso(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    func testUTCFieldsStepsNamesAndLastDay() throws {
        XCTAssertEqual(try next("*/15 * * * *", "2026-06-01T10:07:30Z"), "2026-06-01T10:15:00Z")
        XCTAssertEqual(try next("0 0 L * *", "2026-02-10T00:00:00Z"), "2026-02-28T00:00:00Z")
        XCTAssertEqual(try next("0 0 L * *", "2028-02-10T00:00:00Z"), "2028-02-29T00:00:00Z")
        XCTAssertEqual(try next("0 9 * * mon-fri", "2026-06-05T09:00:00Z"), "2026-06-08T09:00:00Z")
        XCTAssertEqual(try next("0 0 * * 7", "2026-06-01T00:00:00Z"), "2026-06-07T00:00:00Z")
        XCTAssertEqual(try next("@weekly", "2026-06-01T00:00:00Z"), "2026-06-07T00:00:00Z")
        XCTAssertEqual(try next("0 0 * * 5#2", "2026-06-01T00:00:00Z"), "2026-06-12T00:00:00Z")
        XCTAssertEqual(try next("0 0 * * L5", "2026-06-01T00:00:00Z"), "2026-06-26T00:00:00Z")
    }

    func testDayOfMonthOrDayOfWeek() throws {
        // The 13th or any Friday: Friday the 5th comes first.
        XCTAssertEqual(try next("0 0 13 * 5", "2026-06-01T00:00:00Z"), "2026-06-05T00:00:00Z")
    }

    func testSixFieldsPutTheSecondFirst() throws {
        XCTAssertEqual(try next("30 0 12 * * *", "2026-06-01T12:00:30Z"), "2026-06-02T12:00:30Z")
        XCTAssertEqual(try next("30 0 12 * * *", "2026-06-01T12:00:29.999Z"), "2026-06-01T12:00:30Z")
        XCTAssertEqual(try next("0 0 0 * * 1-7", "2026-06-01T00:00:00Z"), "2026-06-02T00:00:00Z")
        // croniter's 6-field quirk: day of month 0 is read as 1.
        XCTAssertEqual(try next("0 0 0 0 * *", "2026-06-01T12:00:00Z"), "2026-07-01T00:00:00Z")
        XCTAssertTrue(try CronPattern("0 0 0 * * *").hasSeconds)
        XCTAssertFalse(try CronPattern("0 0 * * *").hasSeconds)
    }

    func testNoMatchWithinTheSearchIsNil() throws {
        XCTAssertNil(try next("0 0 30 2 *", "2026-06-01T00:00:00Z"))
        // Both searches of the OR rule must find a day; the 15th is never the second Monday.
        XCTAssertNil(try next("0 0 15 * 1#2", "2026-06-01T00:00:00Z"))
        // In a 6-field pattern croniter keeps weekday 7 apart and it matches no day.
        XCTAssertNil(try next("0 0 0 * * 7", "2026-06-01T00:00:00Z"))
    }

    func testNamedZonesAndOffsetChanges() throws {
        XCTAssertEqual(try next("0 9 * * *", "2026-06-01T00:00:00Z", zone: "Asia/Kolkata"), "2026-06-01T03:30:00Z")
        // New York springs forward at 07:00Z on 8 March 2026: 02:30 does not exist and is read with the old offset.
        XCTAssertEqual(
            try next("30 2 * * *", "2026-03-08T05:00:00Z", zone: "America/New_York"), "2026-03-08T07:30:00Z")
        XCTAssertEqual(
            try next("0 9 * * *", "2026-03-07T15:00:00Z", zone: "America/New_York"), "2026-03-08T12:00:00Z")
        // Falling back on 1 November 2026: from the first 01:30 the repeated hour is skipped…
        XCTAssertEqual(
            try next("0 * * * *", "2026-11-01T05:30:00Z", zone: "America/New_York"), "2026-11-01T07:00:00Z")
        // …and from the second 01:30 croniter answers a minute into the first pass, before the base.
        XCTAssertEqual(
            try next("* * * * *", "2026-11-01T06:30:00Z", zone: "America/New_York"), "2026-11-01T05:31:00Z")
        XCTAssertEqual(
            try next("30 1 * * *", "2026-03-28T12:00:00Z", zone: "Europe/London"), "2026-03-29T01:30:00Z")
        XCTAssertEqual(
            try next("0 2 * * *", "2026-04-04T12:00:00Z", zone: "Australia/Sydney"), "2026-04-04T15:00:00Z")
    }

    private func assertRefused(
        _ pattern: String, field: CronField?, _ message: String? = nil, line: UInt = #line
    ) {
        do {
            _ = try CronPattern(pattern)
            XCTFail("'\(pattern)' was accepted", line: line)
        } catch {
            XCTAssertEqual(error.pattern, pattern, line: line)
            XCTAssertEqual(error.field, field, "\(error)", line: line)
            if let message { XCTAssertEqual(error.description, message, line: line) }
        }
    }

    func testRefusalsNameTheField() {
        assertRefused(
            "61 * * * *", field: .minute, "cron pattern '61 * * * *': minute field value 61 is out of range 0–59")
        assertRefused("0 24 * * *", field: .hour)
        assertRefused("0 0 0 * *", field: .dayOfMonth)
        assertRefused("0 0 * 13 *", field: .month)
        assertRefused("0 0 * mar-jan *", field: .month)
        assertRefused("0 0 * * 8", field: .dayOfWeek)
        assertRefused("60 * * * * *", field: .second)
        assertRefused("*/0 * * * *", field: .minute)
        assertRefused("-5 * * * *", field: .minute)
        assertRefused("1,,2 * * * *", field: .minute)
        assertRefused("? 0 * * *", field: .minute)
        assertRefused("0 0 ?? * *", field: .dayOfMonth)
        assertRefused("0 0 L-5 * *", field: .dayOfMonth)
    }

    func testRefusedCroniterForms() {
        assertRefused("0 0 * * 5L", field: .dayOfWeek)
        assertRefused("0 0 * * L", field: .dayOfWeek)
        assertRefused("0 0 * * 5#0", field: .dayOfWeek)
        assertRefused("0 0 * * 5#6", field: .dayOfWeek)
        assertRefused("0 0 * * 1#2,3", field: .dayOfWeek)
        assertRefused("H * * * *", field: .minute)
        assertRefused("R * * * *", field: .minute)
        assertRefused("0 0 1 1 * 2027 0", field: nil)
        assertRefused("0 0 * *", field: nil)
        assertRefused("@reboot", field: nil)
        assertRefused(" @hourly", field: nil)
        assertRefused("", field: nil)
        assertRefused("٥ * * * *", field: nil)
    }

    func testAcceptedCroniterForms() throws {
        for pattern in [
            "@HOURLY", "0 0 ? * *", "0 0 5-L * *", "0 0 * * fri-sun", "0 0 * * 7-0", "0 0 * * mon-fri#2",
            "0 0 * * 5#02", "0 0 * * 1#2,1", "0 0 * JAN-MAR *", "5/15 * * * *", "*,5 * * * *", "\t0 0 * * *",
        ] {
            XCTAssertNoThrow(try CronPattern(pattern), pattern)
        }
    }
}
