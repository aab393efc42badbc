import Foundation
import HTTPServe
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// The audit trail end to end: bin/monitoring-api with both tokens and its own PostgreSQL database, an admin action
/// and a refused write through the API, both found by `bin/maxctl audit` (table and `--json`); bad arguments exit 3.
final class AuditSystemTests: XCTestCase {
    private func maxctl(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("maxctl"), arguments,
            removing: ["REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN"], timeout: .seconds(30))
    }

    func testAnAdminActionAndARefusedWriteAreFoundByMaxctlAudit() async throws {
        let prefix = TestServices.uniqueName("audit")
        let redisURL = try TestServices.redisURL()
        let databaseURL = try await withCheckedThrowingContinuation { continuation in
            // makeDatabase runs psql: keep it off the cooperative pool.
            Thread { continuation.resume(with: Result { try TestServices.makeDatabase(prefix: "audit") }) }.start()
        }
        let redis = RedisClient(configuration: try RedisConfiguration(url: redisURL))
        let queue = try Queue(name: "mail", client: redis, configuration: .init(prefix: prefix))
        _ = try await queue.add("welcome", json: "{}")
        let server = try await MonitoringServerProcess(environment: [
            "REDIS_URL": redisURL, "QUEUE_PREFIX": prefix, "DATABASE_URL": databaseURL, "API_TOKEN": "admin-tok",
            "API_READ_TOKEN": "read-tok", "MONITOR_INTERVAL_MS": "500",
        ])
        let client = try HTTPClient()
        defer { client.shutdown() }
        func pause(_ token: String) async throws -> Int {
            try await client.send(
                method: "POST", url: server.baseURL + "/api/queues/mail/pause",
                headers: ["Authorization": "Bearer \(token)"]
            ).status
        }
        let refused = try await pause("read-tok")
        XCTAssertEqual(refused, 403)
        let done = try await pause("admin-tok")
        XCTAssertEqual(done, 200)
        let paused = try await queue.isPaused()
        XCTAssertTrue(paused)
        await redis.close()

        let api = ["--api", server.baseURL, "--timeout", "5s", "--token", "read-tok"]
        let document = try await MonitoringPoll.until("maxctl audit --json lists both writes") {
            let result = try maxctl(["audit", "--json", "--since", "1h"] + api)
            let document = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let entries = (document?["entries"] as? [[String: Any]]) ?? []
            return (result.status == 0 && entries.count == 2, document ?? [:])
        }
        let entries = try XCTUnwrap(document["entries"] as? [[String: Any]])
        XCTAssertEqual(entries.map { $0["status"] as? Int }, [200, 403], "newest first")
        XCTAssertEqual(entries.map { $0["role"] as? String }, ["admin", "read"])
        XCTAssertEqual(entries.map { $0["result"] as? String }, ["ok", "forbidden"])
        XCTAssertEqual(entries.first?["target"] as? String, "mail")
        XCTAssertEqual((document["store"] as? [String: Any])?["store"] as? String, "postgresql")

        let table = try maxctl(["audit", "--limit", "1"] + api)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("store postgresql, kept 90 days"), table.stdout)
        XCTAssertTrue(table.stdout.contains("/api/queues/:queueName/pause"), table.stdout)
        XCTAssertFalse(table.stdout.contains("forbidden"), "--limit 1 keeps the newest only: \(table.stdout)")

        let noToken = try maxctl(["audit", "--api", server.baseURL, "--timeout", "5s"])
        XCTAssertEqual(noToken.status, 3, "the API refuses: \(noToken.stderr)")
        XCTAssertTrue(noToken.stderr.contains("refused the token"), noToken.stderr)
        for bad in [["--since", "yesterday"], ["--limit", "0"], ["extra"]] {
            let result = try maxctl(["audit"] + bad + api)
            XCTAssertEqual(result.status, 3, "\(bad): \(result.stderr)")
        }
        XCTAssertEqual(try server.terminate(), 0)
    }
}
