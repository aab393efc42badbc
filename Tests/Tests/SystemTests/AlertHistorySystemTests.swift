import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// The alert history end to end: monitoring-api on the test Redis and its own PostgreSQL database, a waiting-jobs
/// alert that fires and resolves, seen through `bin/maxctl alerts` (active, then `--history --json`).
final class AlertHistorySystemTests: XCTestCase {
    private func maxctl(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("maxctl"), arguments,
            removing: ["REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN"], timeout: .seconds(30))
    }

    func testAnAlertThatFiresAndResolvesIsListedActiveThenInTheHistory() async throws {
        let prefix = TestServices.uniqueName("alerts")
        let redisURL = try TestServices.redisURL()
        let databaseURL = try await withCheckedThrowingContinuation { continuation in
            // makeDatabase runs psql: keep it off the cooperative pool.
            Thread { continuation.resume(with: Result { try TestServices.makeDatabase(prefix: "alerts") }) }.start()
        }
        let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
        let queue = try Queue(name: "mail", client: client, configuration: .init(prefix: prefix))
        let server = try await MonitoringServerProcess(environment: [
            "REDIS_URL": redisURL, "QUEUE_PREFIX": prefix, "QUEUES": "mail", "MAX_WAITING_JOBS": "2",
            "MONITOR_INTERVAL_MS": "200", "DATABASE_URL": databaseURL,
        ])
        let api = ["--api", server.baseURL, "--timeout", "5s"]
        let store = try await MonitoringPoll.until("the alert_history.store line") {
            let line = server.logLines.first { $0["event"] as? String == "alert_history.store" }
            return (line != nil, line ?? [:])
        }
        XCTAssertEqual(store["store"] as? String, "postgresql", "\(store)")

        for index in 0..<3 { _ = try await queue.add("mail", json: #"{"n":\#(index)}"#) }
        let active = try await MonitoringPoll.until("maxctl alerts lists the waiting-jobs alert (exit 1)") {
            let result = try maxctl(["alerts"] + api)
            return (result.status == 1 && result.stdout.contains("maxWaitingJobs"), result.stdout + result.stderr)
        }
        XCTAssertTrue(active.contains("mail"), active)
        XCTAssertTrue(active.contains("firing"), active)

        try await queue.drain()
        await client.close()
        let history = try await MonitoringPoll.until("the history shows the alert resolved") {
            let result = try maxctl(["alerts", "--history", "--json", "--queue", "mail"] + api)
            let document = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let entries = (document?["history"] as? [[String: Any]]) ?? []
            return (result.status == 0 && entries.first?["kind"] as? String == "resolved", document ?? [:])
        }
        let entries = try XCTUnwrap(history["history"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["kind"] as? String }, ["resolved", "fired"], "newest first")
        XCTAssertEqual(entries.map { $0["alert"] as? String }, ["maxWaitingJobs", "maxWaitingJobs"])
        XCTAssertEqual(entries.last?["value"] as? Double, 3)
        XCTAssertEqual(entries.last?["threshold"] as? Double, 2)
        XCTAssertEqual(entries.last?["labels"] as? [String: String], ["queue": "mail"])
        XCTAssertEqual((history["historyStore"] as? [String: Any])?["store"] as? String, "postgresql")
        XCTAssertEqual((history["active"] as? [Any])?.count, 0)

        let table = try maxctl(["alerts", "--history", "--since", "1h"] + api)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("store postgresql, kept 30 days"), table.stdout)
        XCTAssertTrue(table.stdout.contains("resolved"), table.stdout)
        XCTAssertEqual(try server.terminate(), 0)
    }
}
