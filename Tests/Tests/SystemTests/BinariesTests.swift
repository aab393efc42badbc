import Foundation
import PrivateServices
import XCTest

/// The release binaries in `bin/` (built by `make build`) against the services `make test` runs.
final class BinariesTests: XCTestCase {
    func testReleaseMaxctlDoctorPassesAgainstTheTestServices() throws {
        let result = try CommandRunner.run(
            SystemProcess.binary("maxctl"), ["doctor", "--json"],
            environment: ["REDIS_URL": try TestServices.redisURL(), "DATABASE_URL": try TestServices.postgresURL()])
        XCTAssertTrue([0, 1].contains(result.status), result.stdout + result.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let checks = report?["checks"] as? [[String: Any]] ?? []
        XCTAssertEqual(
            checks.compactMap { $0["name"] as? String },
            ["toolchain", "redis", "redis-eviction", "legacy-paused", "postgres"])
        for name in ["redis", "postgres"] {
            XCTAssertEqual(checks.first { $0["name"] as? String == name }?["status"] as? String, "ok", name)
        }
    }
}
