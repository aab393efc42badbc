import Foundation
import PrivateServices
import XCTest

/// `/metrics` of a running monitoring-api, with a queue in it, passes `promtool check metrics` and exposes every
/// metric the Prometheus rules and the Grafana dashboard in `deploy/` use; the rules pass promtool's checks.
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
        let added = String(Int64(Date().timeIntervalSince1970 * 1000) - 5000)
        _ = try redis.cli("HSET", "\(prefix):mail:1", "name", "welcome", "data", "{}", "timestamp", added)
        // A job finished just now each way, so the window figures (failed ratio) are exposed too.
        let now = String(Int64(Date().timeIntervalSince1970 * 1000))
        _ = try redis.cli("ZADD", "\(prefix):mail:completed", now, "2")
        _ = try redis.cli("ZADD", "\(prefix):mail:failed", now, "3")
        // One waiting job over a threshold of 0: an alert fires, so its metric is exposed too.
        let server = try await MonitoringServerProcess(
            environment: ["REDIS_URL": redis.url, "QUEUE_PREFIX": prefix, "MAX_WAITING_JOBS": "0"])
        // The metrics named by the Prometheus rules and by the Grafana dashboard's queries.
        let rules = try String(contentsOf: Self.deploy.appendingPathComponent("alerts.yml"), encoding: .utf8)
        let dashboard = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.repository.appendingPathComponent("deploy/grafana/maxbooster-dashboard.json")))
        let queries = ((dashboard as? [String: Any])?["panels"] as? [[String: Any]] ?? []).flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String }
        }
        XCTAssertGreaterThan(queries.count, 10, "the dashboard's queries were not found")
        let named = Set(Self.metricNames(in: rules) + queries.flatMap(Self.metricNames(in:)))
        _ = try await MonitoringPoll.until("the mail queue in /metrics") {
            (try await server.get("/metrics").text.contains("queue=\"mail\""), ())
        }
        // Jobs finishing after the first collection, so the next window has a failed ratio.
        _ = try redis.cli("XADD", "\(prefix):mail:events", "*", "event", "completed", "jobId", "2", "returnvalue", "1")
        _ = try redis.cli("XADD", "\(prefix):mail:events", "*", "event", "failed", "jobId", "3", "failedReason", "x")
        let text = try await MonitoringPoll.until("the mail queue's metrics the rules use in /metrics") {
            let text = try await server.get("/metrics").text
            return (named.allSatisfy(text.contains), text)
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(prefix).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        // promtool reads the exposition from stdin; a shell redirect keeps CommandRunner's interface.
        let result = try CommandRunner.run(
            "/bin/sh", ["-c", "\(path) check metrics < '\(file.path)'"], timeout: .seconds(30))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)

        // Every metric deploy/prometheus/alerts.yml names is one this server exposes.
        XCTAssertFalse(named.isEmpty)
        let exposed = Set(Self.metricNames(in: text))
        XCTAssertEqual(named.subtracting(exposed), [], "metrics the rules or the dashboard use that /metrics lacks")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testTheDeployedRulesAndConfigurationPassPromtool() throws {
        let promtool = try XCTUnwrap(
            ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "promtool is missing: run `make deps` (Debian package prometheus)")
        let directory = Self.deploy.path
        for arguments in [["check", "rules", "alerts.yml"], ["test", "rules", "alerts_test.yml"]] {
            let result = try CommandRunner.run(
                "/bin/sh", ["-c", "cd '\(directory)' && \(promtool) \(arguments.joined(separator: " "))"],
                timeout: .seconds(30))
            XCTAssertEqual(result.status, 0, "promtool \(arguments): " + result.stdout + result.stderr)
        }
        // The example names a token file on the Prometheus host: check a copy pointing at a real file.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(TestServices.uniqueName("prom"))
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let token = scratch.appendingPathComponent("token")
        try Data("secret".utf8).write(to: token)
        let config = try String(contentsOf: Self.deploy.appendingPathComponent("prometheus.yml"), encoding: .utf8)
            .replacingOccurrences(of: "/etc/prometheus/maxbooster-token", with: token.path)
        try Data(config.utf8).write(to: scratch.appendingPathComponent("prometheus.yml"))
        try FileManager.default.copyItem(
            at: Self.deploy.appendingPathComponent("alerts.yml"), to: scratch.appendingPathComponent("alerts.yml"))
        let checked = try CommandRunner.run(
            "/bin/sh", ["-c", "cd '\(scratch.path)' && \(promtool) check config prometheus.yml"], timeout: .seconds(30))
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
    }

    private static let repository = SystemProcess.repositoryRoot
    private static let deploy = repository.appendingPathComponent("deploy/prometheus")

    /// The `maxbooster_…` metric names in `text` (exposition or rules), without histogram/summary suffixes.
    private static func metricNames(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "maxbooster_[a-z0-9_]+")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            (text as NSString).substring(with: $0.range)
        }
    }
}
