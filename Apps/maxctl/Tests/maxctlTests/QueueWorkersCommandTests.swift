import Foundation
import PrivateServices
import RedisClient
import XCTest

/// `maxctl queues`, `queue stats` and `doctor` against a real Redis: workers counted from `CLIENT LIST` by
/// BullMQ's client names, figures partial when another client's worker shares the queue, and a legacy
/// `paused` list reported by name.
final class QueueWorkersCommandTests: XCTestCase {
    private var url = ""
    private var prefix = ""
    private var redis: RedisClient!

    override func setUp() async throws {
        url = try TestServices.redisURL()
        prefix = TestServices.uniqueName("ctlw")
        redis = RedisClient(configuration: try RedisConfiguration(url: url))
        let current = Int64(Date().timeIntervalSince1970 * 1000) / 60_000 * 60_000
        func key(_ queue: String, _ suffix: String) -> String { "\(prefix):\(queue):\(suffix)" }
        // "shared": per-minute metrics say 300 completed last minute; its events stream was trimmed (cap 1) after
        // that minute, so it cannot tell; a Python-named worker connection is on it.
        // "old": paused by a Node BullMQ 5.x client, two jobs in its legacy `paused` list.
        let commands: [[String]] = [
            ["HSET", key("shared", "meta"), "opts.maxLenEvents", "1"],
            ["XADD", key("shared", "events"), "\(current + 10)-0", "event", "completed", "jobId", "1"],
            ["XADD", key("shared", "events"), "\(current + 11)-0", "event", "completed", "jobId", "2"],
            [
                "HSET", key("shared", "metrics:completed"), "count", "600", "prevTS", String(current + 1),
                "prevCount", "300",
            ],
            ["LPUSH", key("shared", "metrics:completed:data"), "300"],
            ["LPUSH", key("shared", "wait"), "1"],
            ["HSET", key("old", "meta"), "paused", "1"],
            ["LPUSH", key("old", "paused"), "7", "8"],
        ]
        for result in try await redis.pipeline(commands) {
            if case .failure(let error) = result { throw error }
        }
    }

    override func tearDown() async throws {
        await redis?.close()
    }

    func testQueuesCountsAnotherClientsWorkerAndLabelsMetricsPartialAndNotesTheLegacyList() async throws {
        let python = redis.makeDedicatedConnection(name: "\(prefix):shared:w:py-1")
        _ = try await python.send("PING")
        let text = try MaxctlProcess.run(["queues", "--redis", url, "--prefix", prefix])
        let document = try MaxctlProcess.run(["queues", "--json", "--redis", url, "--prefix", prefix])
        await python.close()
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("WORKERS"), text.stdout)
        XCTAssertTrue(text.stdout.contains("1 (1 other)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("metrics (last minute), partial"), text.stdout)
        let partial = "shared: partial: other clients' workers share the queue (1 Python bullmq)"
        XCTAssertTrue(text.stdout.contains(partial), text.stdout)
        XCTAssertTrue(
            text.stdout.contains(
                "note: queue old holds a legacy `paused` list (2 jobs; a Node BullMQ 5.x or older pause): our resume "
                    + "and a 6.x resume move it to wait"), text.stdout)

        let samples = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any])?["queues"]
                as? [[String: Any]])
        let shared = try XCTUnwrap(samples.first { $0["queue"] as? String == "shared" })
        let workers = try XCTUnwrap(shared["workers"] as? [String: Any])
        XCTAssertEqual(workers["count"] as? Int, 1)
        XCTAssertEqual(workers["others"] as? Int, 1)
        XCTAssertEqual((workers["workers"] as? [[String: Any]])?.first?["client"] as? String, "python")
        let completed = try XCTUnwrap((shared["window"] as? [String: Any])?["completed"] as? [String: Any])
        XCTAssertEqual(completed["value"] as? Int, 300)
        XCTAssertEqual(completed["exact"] as? Bool, false)
        XCTAssertNotNil(completed["reason"] as? String)
        let old = try XCTUnwrap(samples.first { $0["queue"] as? String == "old" })
        XCTAssertEqual(old["legacyPausedJobs"] as? Int, 2)
    }

    func testDoctorWarnsAboutALegacyPausedListNamingTheQueue() throws {
        let result = try MaxctlProcess.run(
            ["doctor", "--json", "--redis", url, "--prefix", prefix, "--database", try TestServices.postgresURL()])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try XCTUnwrap(report["checks"] as? [[String: Any]])
        let check = try XCTUnwrap(checks.first { $0["name"] as? String == "legacy-paused" })
        XCTAssertEqual(check["status"] as? String, "warning")
        XCTAssertTrue((check["message"] as? String ?? "").contains("queue old holds a legacy `paused` list (2 jobs"))
        XCTAssertFalse((check["message"] as? String ?? "").contains("shared"))
    }
}
