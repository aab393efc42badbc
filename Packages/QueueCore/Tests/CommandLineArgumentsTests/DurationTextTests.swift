import CommandLineArguments
import XCTest

final class DurationTextTests: XCTestCase {
    func testDurationsInEveryUnitAndBareMilliseconds() {
        let cases: [(String, Duration)] = [
            ("500ms", .milliseconds(500)), ("30s", .seconds(30)), ("10m", .seconds(600)), ("24h", .seconds(86_400)),
            ("1.5s", .milliseconds(1500)), ("1500", .milliseconds(1500)), ("0", .zero), ("0.5ms", .microseconds(500)),
            (" 30s\n", .seconds(30)),
        ]
        for (text, expected) in cases { XCTAssertEqual(DurationText.parse(text), expected, "\"\(text)\"") }
    }

    func testMalformedDurationsAreRefused() {
        for text in [
            "", "s", "ms", "5x", "5d", "abc", "-5s", "5 s", "1e3ms", "1e3", "inf", "nan", "1.2.3s",
            "99999999999999999999h",
        ] {
            XCTAssertNil(DurationText.parse(text), "\"\(text)\"")
        }
    }

    func testAMalformedDurationIsAUsageErrorNamingTheOptionAndTheForms() {
        XCTAssertThrowsError(try DurationText.parse("5x", option: "--timeout")) {
            XCTAssertEqual("\($0)", "--timeout '5x' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
        }
        XCTAssertEqual(try DurationText.parse("10m", option: "--timeout"), .seconds(600))
    }

    func testFormatGivesTheShortestExactForm() {
        XCTAssertEqual(DurationText.format(.seconds(86_400)), "24h")
        XCTAssertEqual(DurationText.format(.seconds(600)), "10m")
        XCTAssertEqual(DurationText.format(.seconds(30)), "30s")
        XCTAssertEqual(DurationText.format(.milliseconds(1500)), "1500ms")
        XCTAssertEqual(DurationText.format(.zero), "0ms")
        XCTAssertEqual(DurationText.format(.microseconds(1500)), "1ms")
    }

    func testFormattedDurationsParseBack() {
        for duration: Duration in [.milliseconds(1), .milliseconds(999), .seconds(59), .seconds(3600), .seconds(5400)] {
            XCTAssertEqual(DurationText.parse(DurationText.format(duration)), duration)
        }
    }
}
