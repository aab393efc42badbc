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
