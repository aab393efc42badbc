import CommandLineArguments
import XCTest

final class ParsedArgumentsTests: XCTestCase {
    private func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try ParsedArguments(arguments, valueOptions: ["limit", "state", "redis"], flagOptions: ["json", "yes"])
    }

    func testValuesFlagsAndPositionalsAreSeparated() throws {
        let parsed = try parse(["queue", "--limit", "5", "--json", "--state=failed", "emails"])
        XCTAssertEqual(parsed.positionals, ["queue", "emails"])
        XCTAssertEqual(parsed.value("limit"), "5")
        XCTAssertEqual(parsed.value("state"), "failed")
        XCTAssertTrue(parsed.flag("json"))
        XCTAssertFalse(parsed.flag("yes"))
        XCTAssertNil(parsed.value("redis"))
    }

    func testEqualsFormAndSpaceFormGiveTheSameResult() throws {
        XCTAssertEqual(
            try parse(["--redis=redis://h:1", "--limit", "5"]), try parse(["--redis", "redis://h:1", "--limit=5"]))
    }

    func testEqualsFormKeepsEverythingAfterTheFirstEqualsSign() throws {
        XCTAssertEqual(try parse(["--redis=redis://h:1/0?a=b"]).value("redis"), "redis://h:1/0?a=b")
        XCTAssertEqual(try parse(["--state="]).value("state"), "")
    }

    func testSpaceFormTakesTheNextWordEvenWhenItLooksLikeAnOption() throws {
        let parsed = try parse(["--state", "--json"])
        XCTAssertEqual(parsed.value("state"), "--json")
        XCTAssertFalse(parsed.flag("json"))
    }

    func testAValueOptionGivenTwiceKeepsEveryValueInOrder() throws {
        let parsed = try parse(["--limit", "1", "--limit=2"])
        XCTAssertEqual(parsed.value("limit"), "2")
        XCTAssertEqual(parsed.values("limit"), ["1", "2"])
        XCTAssertEqual(parsed.values("state"), [])
    }

    func testUnknownOptionIsRefusedByName() {
        XCTAssertThrowsError(try parse(["--jsno"])) { XCTAssertEqual("\($0)", "unknown option --jsno") }
        XCTAssertThrowsError(try parse(["--jsno=1"])) { XCTAssertEqual("\($0)", "unknown option --jsno") }
    }

    func testOptionWithoutItsValueIsRefusedByName() {
        XCTAssertThrowsError(try parse(["--redis"])) { XCTAssertEqual("\($0)", "--redis needs a value") }
    }

    func testFlagGivenAValueIsRefusedByName() {
        XCTAssertThrowsError(try parse(["--json=yes"])) { XCTAssertEqual("\($0)", "--json takes no value") }
        XCTAssertThrowsError(try parse(["--help=1"])) { XCTAssertEqual("\($0)", "--help takes no value") }
    }

    func testDoubleDashEndsOptions() throws {
        let parsed = try parse(["--json", "--", "--yes", "--nope", "-"])
        XCTAssertEqual(parsed.positionals, ["--yes", "--nope", "-"])
        XCTAssertTrue(parsed.flag("json"))
        XCTAssertFalse(parsed.flag("yes"))
    }

    func testSingleDashWordsArePositionals() throws {
        XCTAssertEqual(try parse(["-", "-x"]).positionals, ["-", "-x"])
    }

    func testHelpIsKnownToEveryCommand() throws {
        let parsed = try ParsedArguments(["a", "--help"], valueOptions: [], flagOptions: [])
        XCTAssertTrue(parsed.help)
        XCTAssertTrue(parsed.flag("help"))
        XCTAssertFalse(try ParsedArguments(["--", "--help"], valueOptions: [], flagOptions: []).help)
    }

    func testDurationOptionsAreParsedOrRefusedByName() throws {
        let options = ParsedArguments.self
        let parsed = try options.init(["--timeout=1.5s"], valueOptions: ["timeout", "grace"], flagOptions: [])
        XCTAssertEqual(try parsed.duration("timeout"), .milliseconds(1500))
        XCTAssertNil(try parsed.duration("grace"))
        let bad = try options.init(["--grace", "soon"], valueOptions: ["grace"], flagOptions: [])
        XCTAssertThrowsError(try bad.duration("grace")) {
            XCTAssertEqual("\($0)", "--grace 'soon' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
        }
    }
}
