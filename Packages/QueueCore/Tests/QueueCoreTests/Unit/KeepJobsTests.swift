import XCTest

@testable import QueueCore

final class KeepJobsTests: XCTestCase {
    func testBooleansMeanRemoveAllOrKeepAll() {
        XCTAssertEqual(KeepJobs(json: .bool(true)), KeepJobs.none)
        XCTAssertEqual(KeepJobs(json: .bool(false)), KeepJobs.all)
        XCTAssertEqual(KeepJobs.none.scriptArguments, ["0", "0", "1000"])
        XCTAssertEqual(KeepJobs.all.scriptArguments, ["-1", "0", "1000"])
    }

    func testANumberKeepsTheNewestCount() {
        XCTAssertEqual(KeepJobs(json: .number(100)), .last(100))
        XCTAssertEqual(KeepJobs.last(100).scriptArguments, ["100", "0", "1000"])
    }

    func testAnObjectCarriesCountAgeAndLimit() throws {
        let keep = try XCTUnwrap(KeepJobs(json: try JSONValue.parse(#"{"age":3600,"count":10,"limit":5}"#)))
        XCTAssertEqual(keep, KeepJobs(count: 10, ageSeconds: 3600, limit: 5))
        XCTAssertEqual(keep.scriptArguments, ["10", "3600", "5"])
        XCTAssertEqual(KeepJobs(json: keep.json), keep)
    }

    func testANegativeCountKeepsEverything() {
        XCTAssertEqual(KeepJobs(count: -1).scriptArguments, ["-1", "0", "1000"])
    }
}
