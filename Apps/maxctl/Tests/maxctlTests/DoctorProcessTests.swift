import Foundation
import PrivateServices
import XCTest

/// `maxctl doctor` run as a process against real servers that are up, misconfigured and down.
final class DoctorProcessTests: XCTestCase {
    func testDoctorPassesWithRedisAndPostgresUp() throws {
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        let result = try MaxctlProcess.run(
            ["doctor"], environment: ["REDIS_URL": redis.url, "DATABASE_URL": try TestServices.postgresURL()])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Redis 7") || result.stdout.contains("Redis 6"), result.stdout)
        XCTAssertTrue(result.stdout.contains("PostgreSQL "), result.stdout)
        XCTAssertTrue(result.stdout.contains("status: ok"), result.stdout)
    }

    func testDoctorWarnsAboutAnEvictingRedisWithTheFix() throws {
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        try redis.cli("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
        let result = try MaxctlProcess.run(
            ["doctor", "--redis", redis.url, "--database", try TestServices.postgresURL()])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("WARN"), result.stdout)
        XCTAssertTrue(result.stdout.contains("maxmemory-policy noeviction"), result.stdout)
    }

    func testDoctorReportsRedisDownAsCriticalNamingTheAddress() throws {
        let redis = try ThrowawayRedis()
        let url = redis.url
        redis.stop()
        let started = Date()
        let result = try MaxctlProcess.run(
            ["doctor", "--json", "--timeout", "2s", "--redis", url, "--database", try TestServices.postgresURL()])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "bounded by the timeout, not hanging")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(report?["status"] as? String, "critical")
        let checks = report?["checks"] as? [[String: Any]] ?? []
        let redisCheck = checks.first { $0["name"] as? String == "redis" }
        XCTAssertEqual(redisCheck?["status"] as? String, "critical")
        XCTAssertTrue((redisCheck?["message"] as? String ?? "").contains("127.0.0.1:\(redis.port)"))
        XCTAssertEqual(checks.first { $0["name"] as? String == "postgres" }?["status"] as? String, "ok")
    }

    func testDoctorReportsPostgresDownAsCritical() throws {
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        let result = try MaxctlProcess.run(
            ["doctor", "--timeout", "2s", "--redis", redis.url, "--database", "postgres://postgres@127.0.0.1:1/none"])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("FAIL"), result.stdout)
        XCTAssertTrue(result.stdout.contains("make services-up"), result.stdout)
    }

    func testDoctorNeverPrintsThePassword() throws {
        let redis = try ThrowawayRedis(password: "hunter2secret")
        defer { redis.stop() }
        let wrong = redis.url.replacingOccurrences(of: "hunter2secret", with: "wrongpassword42")
        let result = try MaxctlProcess.run(
            ["doctor", "--timeout", "2s", "--redis", wrong, "--database", try TestServices.postgresURL()])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertFalse((result.stdout + result.stderr).contains("wrongpassword42"))
    }

    func testBadArgumentsExitThreeWithTheReason() throws {
        let result = try MaxctlProcess.run(["doctor", "--timeout", "soon"])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("--timeout 'soon' is not a duration"), result.stderr)
        XCTAssertEqual(try MaxctlProcess.run(["frobnicate"]).status, 3)
    }

    func testHelpDescribesEveryOptionAndExitsZero() throws {
        let result = try MaxctlProcess.run(["doctor", "--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--redis", "--database", "--timeout", "--json"] {
            XCTAssertTrue(result.stdout.contains(option), option)
        }
        XCTAssertEqual(try MaxctlProcess.run(["--help"]).status, 0)
    }
}
