import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `bin/maxctl queue …` and `bin/maxctl worker` against the shared test Redis, checked three ways: the
/// monitoring-api's figures, `maxctl queue stats`, and Python `bullmq` reading the same queue.
final class MaxctlQueueAdminTests: XCTestCase {
    private var queue = ""
    private var redisURL = ""

    override func setUp() async throws {
        queue = TestServices.uniqueName("admin")
        redisURL = try TestServices.redisURL()
    }

    @discardableResult
    private func maxctl(
        _ arguments: [String], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line
    ) throws -> CommandResult {
        try SystemProcess.maxctlOnTestRedis(arguments, expect: status, file: file, line: line)
    }

    /// The latest counts of the queue in the API, once collected.
    private func counts(_ server: MonitoringServerProcess) async throws -> [String: Int] {
        let (_, body) = try await server.json("/api/monitoring/queue-metrics/\(queue)")
        return (body["latest"] as? [String: Any])?["counts"] as? [String: Int] ?? [:]
    }

    private func waitForCounts(
        _ server: MonitoringServerProcess, _ description: String, _ expected: [String: Int]
    ) async throws {
        _ = try await MonitoringPoll.until(description) {
            let counts = try await counts(server)
            return (expected.allSatisfy { counts[$0.key] == $0.value }, counts)
        }
    }

    func testJobsAddedAndProcessedByMaxctlAndPythonAgreeWithTheAPI() async throws {
        let added = try maxctl([
            "queue", "add", queue, "--name", "mail", "--data", #"{"to":"a@example.com"}"#, "--count", "4",
        ])
        XCTAssertEqual(added.stdout.split(separator: "\n").count, 4)
        let pythonIDs =
            try await PythonBullMQ.run(
                queue: queue, "add", (0..<3).map { ["name": "py", "data": ["n": $0]] }) as? [String]
        XCTAssertEqual(pythonIDs?.count, 3)
        try maxctl(["queue", "add", queue, "--name", "later", "--delay", "1h", "--job-id", "later-1"])
        let server = try await MonitoringServerProcess(environment: ["REDIS_URL": redisURL, "QUEUES": queue])
        try await waitForCounts(server, "7 waiting, 1 delayed", ["waiting": 7, "delayed": 1, "completed": 0])

        let worked = try maxctl(["worker", queue, "--processor", "echo", "--max-jobs", "4", "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(worked.stdout.utf8)) as? [String: Any]
        // A worker that finishes a job may already hold the next one: it still runs (a graceful close).
        let byMaxctl = summary?["completed"] as? Int ?? 0
        XCTAssertTrue((4...5).contains(byMaxctl), "\(byMaxctl)")
        let python =
            try await PythonBullMQ.run(
                queue: queue, "work", ["count": 7 - byMaxctl, "untilCompleted": 7, "timeout": 30]) as? [String: Any]
        XCTAssertEqual((python?["completed"] as? [Any])?.count, 7 - byMaxctl)
        try await waitForCounts(server, "7 completed", ["waiting": 0, "active": 0, "completed": 7, "delayed": 1])
        let pythonCounts = try await PythonBullMQ.run(queue: queue, "counts") as? [String: Int]
        XCTAssertEqual(pythonCounts?["completed"], 7)
        XCTAssertEqual(pythonCounts?["delayed"], 1)
        let stats = try maxctl(["queue", "stats", queue, "--window", "100ms", "--json"])
        let sample = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((sample?["counts"] as? [String: Int])?["completed"], 7)

        try maxctl(["queue", "promote", queue, "later-1"])
        try maxctl(["queue", "promote", queue, "later-1"], expect: 1)
        try await waitForCounts(server, "later-1 promoted", ["waiting": 1, "delayed": 0])
        try maxctl(["worker", queue, "--processor", "fail", "--max-jobs", "1"])
        try await waitForCounts(server, "later-1 failed", ["waiting": 0, "failed": 1])
        let failedJobs = try maxctl(["queue", "jobs", queue, "--state", "failed", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(failedJobs.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.first?["id"] as? String, "later-1")
        XCTAssertTrue((rows?.first?["failedReason"] as? String ?? "").contains("failed on purpose"))
        try maxctl(["queue", "retry", queue, "later-1"])
        try await waitForCounts(server, "later-1 retried", ["waiting": 1, "failed": 0])

        try maxctl(["queue", "pause", queue])
        let paused = try await PythonBullMQ.run(queue: queue, "is-paused") as? Bool
        XCTAssertEqual(paused, true)
        _ = try await MonitoringPoll.until("paused in the API") {
            let (_, body) = try await server.json("/api/monitoring/queue-metrics/\(queue)")
            let latest = body["latest"] as? [String: Any]
            return (latest?["paused"] as? Bool == true, latest?["paused"] as Any)
        }
        try maxctl(["queue", "resume", queue])
        let resumed = try await PythonBullMQ.run(queue: queue, "is-paused") as? Bool
        XCTAssertEqual(resumed, false)

        try maxctl(["queue", "clean", queue, "--state", "completed", "--grace", "1h"], expect: 3)
        let cleaned = try maxctl(["queue", "clean", queue, "--state", "completed", "--grace", "0", "--yes", "--json"])
        let removed = try JSONSerialization.jsonObject(with: Data(cleaned.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((removed?["removed"] as? [Any])?.count, 7)
        try await waitForCounts(server, "completed cleaned", ["completed": 0, "waiting": 1])
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testWorkerRetriesWithFailFirstAndClosesGracefullyOnSigterm() async throws {
        try maxctl([
            "queue", "add", queue, "--name", "flaky", "--attempts", "3", "--backoff", "fixed:10", "--count", "2",
        ])
        let flaky = try maxctl(["worker", queue, "--processor", "fail-first:2", "--max-jobs", "6", "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(flaky.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(summary?["completed"] as? Int, 2)
        XCTAssertEqual(summary?["retried"] as? Int, 4)
        XCTAssertEqual(summary?["failed"] as? Int, 0)

        try maxctl(["queue", "add", queue, "--name", "slow", "--count", "3"])
        let outputPath = NSTemporaryDirectory() + "\(queue)-worker.out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let worker = try SystemProcess.spawn(
            "maxctl", ["worker", queue, "--processor", "sleep:400", "--redis", redisURL, "--json"],
            outputPath: outputPath)
        // Wait until a job is running, then ask the worker to stop: the running job must still finish.
        _ = try await MonitoringPoll.until("a slow job active") {
            let stats = try maxctl(["queue", "stats", queue, "--window", "10ms", "--json"])
            let counts = (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["counts"]
            return ((counts as? [String: Int])?["active"] == 1, counts as Any)
        }
        let status = try await SystemProcess.stop(worker, signal: SIGTERM)
        XCTAssertNotNil(status, "the worker did not exit within 15 s of SIGTERM")
        XCTAssertEqual(status, 0)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let graceful = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertGreaterThanOrEqual(graceful?["completed"] as? Int ?? 0, 1, text)
        let stats = try maxctl(["queue", "stats", queue, "--window", "10ms", "--json"])
        let counts =
            (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["counts"]
            as? [String: Int]
        XCTAssertEqual(counts?["active"], 0, "no job is left active after a graceful close")
        XCTAssertEqual((counts?["completed"] ?? 0) - 2, graceful?["completed"] as? Int)
    }
}
