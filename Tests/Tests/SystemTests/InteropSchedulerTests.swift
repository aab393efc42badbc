import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import XCTest

/// Job schedulers shared with Python bullmq 3.4.4: schedulers written by either client keep firing when only
/// the other client's workers run, and `maxctl queue drain`/`clean` leave them firing.
final class InteropSchedulerTests: InteropTestCase {
    /// Completed iterations per scheduler id (`rjk`).
    private func completedIterations() async throws -> [String: Int] {
        let completed = try await queue.jobs(in: .completed, range: 0...9999)
        return completed.reduce(into: [:]) { counts, job in
            if let scheduler = job.fields["rjk"] { counts[scheduler, default: 0] += 1 }
        }
    }

    func testPythonSchedulersKeepFiringUnderMaxctlWorkerThroughDrainAndClean() async throws {
        _ = try await PythonBullMQ.run(
            queue: queueName, "upsert-scheduler",
            ["id": "py-every", "repeat": ["every": 500], "name": "every-job", "data": ["kind": "every"]])
        _ = try await PythonBullMQ.run(
            queue: queueName, "upsert-scheduler",
            ["id": "py-cron", "repeat": ["pattern": "* * * * * *", "tz": "America/New_York"], "name": "cron-job"])
        let redisURL = try TestServices.redisURL()
        let worker = try SystemProcess.spawn(
            "maxctl", ["worker", queueName, "--processor", "echo", "--redis", redisURL])
        try await waitUntil("our worker completed 3 iterations of each Python scheduler", timeout: .seconds(30)) {
            let counts = try await self.completedIterations()
            return counts["py-every", default: 0] >= 3 && counts["py-cron", default: 0] >= 3
        }
        // Drain (delayed included) and clean everything old: the pending iterations stay, so both keep firing.
        try SystemProcess.maxctlOnTestRedis(["queue", "drain", queueName, "--delayed", "--yes"])
        try SystemProcess.maxctlOnTestRedis([
            "queue", "clean", queueName, "--state", "delayed", "--grace", "0", "--yes",
        ])
        try SystemProcess.maxctlOnTestRedis([
            "queue", "clean", queueName, "--state", "waiting", "--grace", "0", "--yes",
        ])
        try await waitUntil("both kept firing to 5 iterations each", timeout: .seconds(30)) {
            let counts = try await self.completedIterations()
            return counts["py-every", default: 0] >= 5 && counts["py-cron", default: 0] >= 5
        }
        let status = try await SystemProcess.stop(worker, signal: SIGTERM)
        XCTAssertEqual(status, 0, "maxctl worker exits cleanly on SIGTERM")

        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for id in ["py-every", "py-cron"] {
            let record = try await PythonBullMQ.run(queue: queueName, "scheduler", id) as? [String: Any]
            let next = try XCTUnwrap(record?["next"] as? NSNumber, "\(id): \(String(describing: record))").int64Value
            XCTAssertGreaterThan(next, now - 1000, "\(id): Python sees the next run our worker created")
            let iterations = try XCTUnwrap(record?["iterationCount"] as? Int)
            XCTAssertGreaterThanOrEqual(iterations, 6, id)
        }
        let every = try await queue.jobs(in: .completed, range: 0...9999).first { $0.fields["rjk"] == "py-every" }
        XCTAssertEqual(every?.name, "every-job")
        XCTAssertEqual(every?.data, #"{"kind":"every"}"#, "the iteration carries Python's template data")
    }

    func testOurSchedulersFireUnderAPythonWorker() async throws {
        try await queue.upsertJobScheduler(
            "swift-every", repeat: RepeatOptions(every: 500),
            template: JobTemplate(name: "every-job", json: #"{"from":"swift"}"#))
        try await queue.upsertJobScheduler(
            "swift-cron", repeat: RepeatOptions(pattern: "* * * * * *", tz: "Europe/Paris"),
            template: JobTemplate(name: "cron-job"))
        let outcome = try await PythonBullMQ.run(
            queue: queueName, "work",
            ["count": 1000, "timeout": 40, "perScheduler": ["n": 5, "ids": ["swift-every", "swift-cron"]]])
        let bySchedulers = (outcome as? [String: Any])?["bySchedulers"] as? [String: Int] ?? [:]
        XCTAssertGreaterThanOrEqual(bySchedulers["swift-every", default: 0], 5, "\(outcome)")
        XCTAssertGreaterThanOrEqual(bySchedulers["swift-cron", default: 0], 5, "\(outcome)")
        let scheduler = try await queue.jobScheduler("swift-cron")
        XCTAssertGreaterThanOrEqual(scheduler?.iterationCount ?? 0, 6, "Python's worker created the next iterations")
        let pendingID = try await queue.jobs(in: .delayed).first { $0.fields["rjk"] == "swift-cron" }?.id
        XCTAssertEqual(pendingID, scheduler?.next.map { "repeat:swift-cron:\($0)" })
    }

    func testMaxctlSchedulersUpsertListAndRemoveWhatPythonReads() async throws {
        let upserted = try SystemProcess.maxctlOnTestRedis([
            "schedulers", queueName, "upsert", "weekday-report", "--pattern", "0 9 * * mon-fri", "--tz",
            "Europe/Berlin", "--name", "report", "--data", #"{"kind":"daily"}"#, "--limit", "20", "--json",
        ])
        let next = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(upserted.stdout.utf8)) as? [String: String])?["next"])
        let record = try await PythonBullMQ.run(queue: queueName, "scheduler", "weekday-report") as? [String: Any]
        XCTAssertEqual(record?["pattern"] as? String, "0 9 * * mon-fri")
        XCTAssertEqual(record?["tz"] as? String, "Europe/Berlin")
        XCTAssertEqual(record?["name"] as? String, "report")
        XCTAssertEqual(record?["limit"] as? Int, 20)
        XCTAssertEqual((record?["template"] as? [String: Any])?["data"] as? [String: String], ["kind": "daily"])
        XCTAssertEqual((record?["next"] as? NSNumber).map { "repeat:weekday-report:\($0.int64Value)" }, next)

        _ = try await PythonBullMQ.run(
            queue: queueName, "upsert-scheduler", ["id": "py-hourly", "repeat": ["every": 3_600_000]])
        let listed = try SystemProcess.maxctlOnTestRedis(["schedulers", queueName, "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["id"] as? String }), ["weekday-report", "py-hourly"])
        XCTAssertEqual(rows.first { $0["id"] as? String == "py-hourly" }?["every"] as? Int, 3_600_000)

        try SystemProcess.maxctlOnTestRedis(["schedulers", queueName, "remove", "weekday-report"])
        let gone = try await PythonBullMQ.run(queue: queueName, "scheduler", "weekday-report")
        XCTAssertTrue(gone is NSNull, "Python no longer sees the removed scheduler: \(gone)")
        let delayed = try await queue.jobs(in: .delayed).map(\.id)
        XCTAssertFalse(delayed.contains(next), "its pending iteration went with it")
    }
}
