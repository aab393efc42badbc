import XCTest

@testable import maxctl

final class DoctorRulesTests: XCTestCase {
    func testVersionComparisonHandlesMissingAndSuffixedParts() {
        XCTAssertTrue(DoctorRules.isAtLeast("6.2.0", DoctorRules.minimumRedisVersion))
        XCTAssertTrue(DoctorRules.isAtLeast("7.0.15", DoctorRules.minimumRedisVersion))
        XCTAssertTrue(DoctorRules.isAtLeast("6.2", DoctorRules.minimumRedisVersion))
        XCTAssertTrue(DoctorRules.isAtLeast("10.0.0", DoctorRules.minimumRedisVersion))
        XCTAssertFalse(DoctorRules.isAtLeast("6.0.16", DoctorRules.minimumRedisVersion))
        XCTAssertFalse(DoctorRules.isAtLeast("5.9.9", DoctorRules.minimumRedisVersion))
        XCTAssertTrue(DoctorRules.isAtLeast("6.2.0-rc1", DoctorRules.minimumRedisVersion))
    }

    func testOldRedisIsCritical() {
        let check = DoctorRules.redisVersion("6.0.9", address: "redis://h:1", latencyMilliseconds: 0.25)
        XCTAssertEqual(check.status, .critical)
        XCTAssertNotNil(check.hint)
        XCTAssertEqual(check.details["latencyMs"], "0.25")
    }

    func testEvictionPolicyOtherThanNoevictionIsAWarningWithTheFix() {
        let check = DoctorRules.evictionPolicy("allkeys-lru", address: "redis://h:1")
        XCTAssertEqual(check.status, .warning)
        XCTAssertTrue(check.hint?.contains("noeviction") == true)
        XCTAssertEqual(DoctorRules.evictionPolicy("noeviction", address: "redis://h:1").status, .ok)
    }

    func testALegacyPausedListIsAWarningNamingEachQueue() {
        let none = DoctorRules.legacyPausedLists([], prefix: "bull")
        XCTAssertEqual(none.status, .ok)
        let found = DoctorRules.legacyPausedLists([(queue: "a", jobs: 3), (queue: "b", jobs: 1)], prefix: "bull")
        XCTAssertEqual(found.status, .warning)
        XCTAssertTrue(found.message.contains("queue a holds a legacy `paused` list (3 jobs"), found.message)
        XCTAssertTrue(found.message.contains("queue b holds"), found.message)
        XCTAssertEqual(found.details, ["a": "3", "b": "1"])
    }

    func testReportTakesTheWorstStatusAndItsExitCode() {
        let ok = DoctorCheck(name: "a", status: .ok, message: "")
        let warning = DoctorCheck(name: "b", status: .warning, message: "")
        let critical = DoctorCheck(name: "c", status: .critical, message: "")
        XCTAssertEqual(DoctorReport(checks: [ok]).exitCode, .ok)
        XCTAssertEqual(DoctorReport(checks: [ok, warning]).exitCode, .warning)
        XCTAssertEqual(DoctorReport(checks: [critical, warning, ok]).exitCode, .critical)
    }

    func testAddressesInMessagesHideThePassword() {
        XCTAssertEqual(RedisProbe.displayAddress("redis://:hunter2@127.0.0.1:6379/2"), "redis://:***@127.0.0.1:6379/2")
        XCTAssertFalse(RedisProbe.displayAddress("postgres://u:hunter2@db/x").contains("hunter2"))
    }
}
