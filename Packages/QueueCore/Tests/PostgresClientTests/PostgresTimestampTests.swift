import Foundation
import XCTest

@testable import PostgresClient

final class PostgresTimestampTests: XCTestCase {
    func testFormatsUTCWithMicroseconds() {
        XCTAssertEqual(PostgresTimestamp.format(Date(timeIntervalSince1970: 0)), "1970-01-01 00:00:00.000000+00")
        XCTAssertEqual(
            PostgresTimestamp.format(Date(timeIntervalSince1970: 1_764_393_679.123456)), "2025-11-29 05:21:19.123456+00"
        )
        XCTAssertEqual(PostgresTimestamp.format(Date(timeIntervalSince1970: -1.5)), "1969-12-31 23:59:58.500000+00")
    }

    func testParsesServerOutputWithAnyOffset() throws {
        let utc = try XCTUnwrap(PostgresTimestamp.parse("2025-11-29 05:21:19.123456+00"))
        XCTAssertEqual(utc.timeIntervalSince1970, 1_764_393_679.123456, accuracy: 1e-6)
        let india = try XCTUnwrap(PostgresTimestamp.parse("2025-11-29 10:51:19.123456+05:30"))
        XCTAssertEqual(india.timeIntervalSince1970, utc.timeIntervalSince1970, accuracy: 1e-6)
        let old = try XCTUnwrap(PostgresTimestamp.parse("1900-01-01 00:00:00-00:09:21"))
        XCTAssertEqual(old.timeIntervalSince1970, -2_208_988_800 + 561, accuracy: 1e-6)
        XCTAssertEqual(PostgresTimestamp.parse("2000-02-29 00:00:00+00")?.timeIntervalSince1970, 951_782_400)
    }

    // 1900...2200: further out a Double holds less than microsecond precision.
    func testFormatThenParseIsTheIdentityToTheMicrosecond() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let micros = Int64.random(in: -2_208_988_800_000_000...7_258_118_400_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(micros) / 1e6)
            let parsed = try XCTUnwrap(PostgresTimestamp.parse(PostgresTimestamp.format(date)))
            XCTAssertEqual(parsed.timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 2e-6)
        }
    }

    func testRejectsTextThatIsNotAnISOTimestamp() {
        for text in [
            "infinity", "-infinity", "2025-11-29", "2025-13-01 00:00:00+00", "2025-11-29 24:00:00+00",
            "0044-03-15 12:00:00+00 BC", "2025-11-29 05:21:19.+00", "12025-01-01 00:00:00+00", "2025-11-29 05:21:19x",
        ] {
            XCTAssertNil(PostgresTimestamp.parse(text), text)
        }
    }
}
