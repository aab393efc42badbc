import Foundation
import PrivateServices
import XCTest

/// `/metrics` of a running monitoring-api, with a queue in it, passes `promtool check metrics`.
final class MonitoringPromtoolTests: XCTestCase {
    func testMetricsEndpointPassesPromtoolCheckMetrics() async throws {
        let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let path = try XCTUnwrap(promtool, "promtool is missing: run `make deps` (Debian package prometheus)")
        let prefix = TestServices.uniqueName("prom")
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        _ = try redis.cli("HSET", "\(prefix):mail:meta", "opts.maxLenEvents", "10000")
        _ = try redis.cli("RPUSH", "\(prefix):mail:wait", "1")
        let server = try await MonitoringServerProcess(environment: ["REDIS_URL": redis.url, "QUEUE_PREFIX": prefix])
        let text = try await MonitoringPoll.until("the mail queue in /metrics") {
            let text = try await server.get("/metrics").text
            return (text.contains("queue=\"mail\""), text)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(prefix).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // promtool reads the exposition from stdin; a shell redirect keeps CommandRunner's interface.
        let result = try CommandRunner.run(
            "/bin/sh", ["-c", "\(path) check metrics < '\(file.path)'"], timeout: .seconds(30))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(try server.terminate(), 0)
    }
}
