import XCTest

@testable import maxctl

final class ArgumentParsingTests: XCTestCase {
    func testValuesFlagsAndPositionalsAreSeparated() throws {
        let parsed = try ParsedArguments(
            ["queue", "--limit", "5", "--json", "--state=failed", "emails"], valueOptions: ["limit", "state"],
            flagOptions: ["json"])
        XCTAssertEqual(parsed.positionals, ["queue", "emails"])
        XCTAssertEqual(parsed.value("limit"), "5")
        XCTAssertEqual(parsed.value("state"), "failed")
        XCTAssertTrue(parsed.flag("json"))
        XCTAssertFalse(parsed.flag("yes"))
    }

    func testUnknownOptionIsRefusedByName() {
        XCTAssertThrowsError(try ParsedArguments(["--jsno"], valueOptions: [], flagOptions: ["json"])) { error in
            XCTAssertEqual("\(error)", "unknown option --jsno")
        }
    }

    func testOptionWithoutItsValueIsRefused() {
        XCTAssertThrowsError(try ParsedArguments(["--redis"], valueOptions: ["redis"], flagOptions: [])) { error in
            XCTAssertEqual("\(error)", "--redis needs a value")
        }
    }

    func testFlagGivenAValueIsRefused() {
        XCTAssertThrowsError(try ParsedArguments(["--json=yes"], valueOptions: [], flagOptions: ["json"]))
    }

    func testDoubleDashEndsOptions() throws {
        let parsed = try ParsedArguments(["--", "--json"], valueOptions: [], flagOptions: ["json"])
        XCTAssertEqual(parsed.positionals, ["--json"])
        XCTAssertFalse(parsed.flag("json"))
    }

    func testDurationsInEveryUnit() throws {
        XCTAssertEqual(try DurationParser.parse("500ms", option: "--timeout"), .milliseconds(500))
        XCTAssertEqual(try DurationParser.parse("30s", option: "--timeout"), .seconds(30))
        XCTAssertEqual(try DurationParser.parse("10m", option: "--timeout"), .seconds(600))
        XCTAssertEqual(try DurationParser.parse("24h", option: "--timeout"), .seconds(86_400))
        XCTAssertEqual(try DurationParser.parse("1500", option: "--timeout"), .milliseconds(1500))
        XCTAssertEqual(try DurationParser.parse("1.5s", option: "--timeout"), .milliseconds(1500))
    }

    func testMalformedDurationsAreRefusedWithTheAcceptedForms() {
        for text in ["", "s", "5x", "-5s", "5 s", "99999999999999999999h"] {
            XCTAssertThrowsError(try DurationParser.parse(text, option: "--timeout"), text) { error in
                XCTAssertTrue("\(error)".contains("use e.g. 500ms, 30s, 10m or 24h"), "\(error)")
            }
        }
    }
}
