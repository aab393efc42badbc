import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A `maxctl worker` SIGKILLed mid-job leaves an active job whose lock expires: monitoring-api counts it
/// as stalled and fires `maxStalledJobs`; a second worker's stalled check puts it back, and the alert
/// resolves. Also: a `MONITORING_CONFIG` severity override makes that alert critical (health 503).
final class MonitoringStalledJobsTests: XCTestCase {
    private func startWorker(_ queue: String, _ redisURL: String, _ arguments: [String]) throws -> Int32 {
        try SystemProcess.spawn("maxctl", ["worker", queue, "--redis", redisURL] + arguments)
    }

    @discardableResult
    private func stop(_ pid: Int32, signal: Int32) async throws -> Int32? {
        let status = try await SystemProcess.stop(pid, signal: signal)
        XCTAssertNotNil(status, "maxctl worker did not exit within 15 s")
        return status
    }

    func testAKilledWorkersJobIsCountedStalledAlertsAndRecovers() async throws {
        let redisURL = try TestServices.redisURL()
        let queue = TestServices.uniqueName("stall")
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("\(queue).json")
        try Data(#"{"maxStalledJobs": 0, "severities": {"maxStalledJobs": "critical"}}"#.utf8).write(to: config)
        defer { try? FileManager.default.removeItem(at: config) }
        let added = try CommandRunner.run(
            SystemProcess.binary("maxctl"), ["queue", "add", queue, "--name", "slow", "--redis", redisURL])
        XCTAssertEqual(added.status, 0, added.stderr)
        let server = try await MonitoringServerProcess(
            environment: ["REDIS_URL": redisURL, "QUEUES": queue, "MONITORING_CONFIG": config.path])

        let doomed = try startWorker(
            queue, redisURL, ["--processor", "sleep:60000", "--lock-duration", "1s", "--stalled-interval", "500ms"])
        _ = try await MonitoringPoll.until("the job active") {
            let (_, body) = try await server.json("/api/monitoring/queue-metrics/\(queue)")
            let counts = (body["latest"] as? [String: Any])?["counts"] as? [String: Int] ?? [:]
            return (counts["active"] == 1, counts)
        }
        try await stop(doomed, signal: SIGKILL)

        // The lock expires within 1 s: the active job without a lock is stalled; the critical alert fires.
        let unhealthy = try await MonitoringPoll.until("stalled job → critical alert → 503") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 503, body)
        }
        let details = (unhealthy["components"] as? [String: Any]).flatMap { $0["queues"] as? [String: Any] }
        let entry = (details?["details"] as? [[String: Any]])?.first
        XCTAssertEqual(entry?["stalled"] as? Int, 1)
        XCTAssertEqual((entry?["alerts"] as? [[String: Any]])?.first?["alert"] as? String, "maxStalledJobs")
        XCTAssertEqual((entry?["alerts"] as? [[String: Any]])?.first?["severity"] as? String, "critical")
        let fired = server.logLines.first { $0["event"] as? String == "alert.fired" }
        XCTAssertEqual(fired?["alert"] as? String, "maxStalledJobs")
        XCTAssertEqual(fired?["level"] as? String, "error")

        // A new worker's stalled check moves the job back to wait, then processes it.
        let rescuer = try startWorker(
            queue, redisURL, ["--processor", "noop", "--stalled-interval", "500ms", "--lock-duration", "2s"])
        _ = try await MonitoringPoll.until("job completed, healthy again") {
            let (status, body) = try await server.json("/api/monitoring/queue-metrics/\(queue)")
            let counts = (body["latest"] as? [String: Any])?["counts"] as? [String: Int] ?? [:]
            let health = try await server.json("/api/monitoring/system-health")
            return (status == 200 && counts["completed"] == 1 && health.status == 200, counts)
        }
        let rescuerStatus = try await stop(rescuer, signal: SIGTERM)
        XCTAssertEqual(rescuerStatus, 0)
        let resolved = server.logLines.first { $0["event"] as? String == "alert.resolved" }
        XCTAssertEqual(resolved?["alert"] as? String, "maxStalledJobs")
        XCTAssertEqual(try server.terminate(), 0)
    }
}
