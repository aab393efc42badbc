import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// The Swift engine and the real Python bullmq 3.4.4 on the same queues, both directions.
final class InteropTests: InteropTestCase {
    func testJobsAddedBySwiftAreProcessedByAPythonWorkerAndReadBackInSwift() async throws {
        let plain = try await queue.add("plain", json: #"{"text":"a / b","n":1}"#)
        let delayed = try await queue.add("delayed", json: #"{"n":2}"#, options: JobOptions(delay: 400))
        let low = try await queue.add("low", json: #"{"n":3}"#, options: JobOptions(priority: 5))
        let high = try await queue.add("high", json: #"{"n":4}"#, options: JobOptions(priority: 1))
        let retried = try await queue.add(
            "retried", json: #"{"failTimes":2}"#, options: JobOptions(attempts: 3, backoff: .exponential(100)))
        let doomed = try await queue.add(
            "doomed", json: #"{"failTimes":9}"#, options: JobOptions(attempts: 2, backoff: .fixed(50)))

        let output =
            try await PythonBullMQ.run(queue: queueName, "work", ["count": 6, "timeout": 40]) as? [String: [String]]
        XCTAssertEqual(Set(output?["completed"] ?? []), [plain, delayed, low, high, retried])
        XCTAssertLessThan(
            output?["completed"]?.firstIndex(of: high) ?? 9, output?["completed"]?.firstIndex(of: low) ?? 0)

        struct Result: Decodable {
            var by: String
            var name: String
            var attempt: Int
        }
        for id in [plain, delayed, low, high] {
            let value1 = try await queue.state(of: id)
            XCTAssertEqual(value1, .completed, id)
            let value2 = try await queue.job(id)?.decodeReturnValue(Result.self)?.by
            XCTAssertEqual(value2, "python")
        }
        let retriedJob = try await queue.job(retried)
        XCTAssertEqual(retriedJob?.attemptsMade, 3)
        XCTAssertEqual(try retriedJob?.decodeReturnValue(Result.self)?.attempt, 3)
        let delayedJob = try await queue.job(delayed)
        XCTAssertGreaterThanOrEqual(delayedJob?.processedOn ?? 0, (delayedJob?.timestamp ?? 0) + 400)
        let value3 = try await queue.state(of: doomed)
        XCTAssertEqual(value3, .failed)
        let value4 = try await queue.job(doomed)?.attemptsMade
        XCTAssertEqual(value4, 2)
        let value5 = try await queue.job(doomed)?.failedReason
        XCTAssertEqual(value5, "python failure 2")
    }

    func testJobsAddedByPythonAreProcessedByASwiftWorkerAndReadBackInPython() async throws {
        let jobs: [[String: Any]] = [
            ["name": "ok", "data": ["n": 1]],
            [
                "name": "flaky", "data": ["failTimes": 1],
                "opts": ["attempts": 3, "backoff": ["type": "fixed", "delay": 100]],
            ],
            ["name": "broken", "data": ["failTimes": 5], "opts": ["attempts": 2]],
            ["name": "fatal", "data": ["unrecoverable": true], "opts": ["attempts": 4]],
            ["name": "prio", "data": ["n": 5], "opts": ["priority": 3, "delay": 200]],
        ]
        let ids = try await PythonBullMQ.run(queue: queueName, "add", jobs) as? [String] ?? []
        XCTAssertEqual(ids.count, 5)
        struct Input: Decodable {
            var failTimes: Int?
            var unrecoverable: Bool?
        }
        let worker = try swiftWorker { job -> [String: String] in
            let data = try job.decodeData(Input.self)
            if data.unrecoverable == true { throw UnrecoverableError("swift says no") }
            if job.attemptsMade < data.failTimes ?? 0 { throw SwiftFailure.failure(job.attemptsMade + 1) }
            return ["by": "swift", "name": job.name]
        }
        worker.start()
        try await waitUntil("all five finished", timeout: .seconds(30)) {
            let counts = try await self.queue.counts()
            return (counts[.completed] ?? 0) + (counts[.failed] ?? 0) == 5
        }
        await worker.close()

        let report = try await PythonBullMQ.run(queue: queueName, "inspect", ids) as? [String: [String: Any]] ?? [:]
        let ok = report[ids[0]]
        let flaky = report[ids[1]]
        let broken = report[ids[2]]
        let fatal = report[ids[3]]
        let prio = report[ids[4]]
        XCTAssertEqual(ok?["state"] as? String, "completed")
        XCTAssertEqual((ok?["returnvalue"] as? [String: String])?["by"], "swift")
        XCTAssertEqual(flaky?["state"] as? String, "completed")
        XCTAssertEqual(flaky?["attemptsMade"] as? Int, 2)
        XCTAssertEqual(broken?["state"] as? String, "failed")
        XCTAssertEqual(broken?["attemptsMade"] as? Int, 2)
        XCTAssertEqual(broken?["failedReason"] as? String, "swift failure 2")
        XCTAssertEqual(broken?["stacktrace"] as? Int, 2)
        XCTAssertEqual(fatal?["state"] as? String, "failed")
        XCTAssertEqual(fatal?["attemptsMade"] as? Int, 1)
        XCTAssertEqual(fatal?["failedReason"] as? String, "swift says no")
        XCTAssertEqual((prio?["returnvalue"] as? [String: String])?["name"], "prio")
    }

    func testPythonGetJobCountsAndSwiftCountsAgreeOnAQueueInMixedStates() async throws {
        _ = try await queue.addBulk(try (0..<6).map { try Queue.NewJob(name: "done", data: [$0]) })
        let worker = try swiftWorker { job -> [String: String] in
            if job.name == "done" && job.data == "[0]" { throw UnrecoverableError("first fails") }
            return [:]
        }
        worker.start()
        try await waitUntil("six finished", timeout: .seconds(30)) {
            let counts = try await self.queue.counts()
            return (counts[.completed] ?? 0) + (counts[.failed] ?? 0) == 6
        }
        await worker.close()
        _ = try await queue.add("waiting", json: "{}")
        _ = try await queue.add("waiting", json: "{}")
        _ = try await queue.add("delayed", json: "{}", options: JobOptions(delay: 60_000))
        _ = try await queue.add("prioritized", json: "{}", options: JobOptions(priority: 4))
        let python = try await PythonBullMQ.run(queue: queueName, "counts") as? [String: Int] ?? [:]
        let swift = try await queue.counts()
        XCTAssertEqual(python.count, 7)
        for (state, count) in python {
            XCTAssertEqual(swift[JobState(rawValue: state)!], count, state)
        }
        XCTAssertEqual(python["completed"], 5)
        XCTAssertEqual(python["failed"], 1)
        XCTAssertEqual(python["waiting"], 2)
    }

    func testPauseFromPythonStopsASwiftWorkerAndResumeRestartsIt() async throws {
        let done = Mutex(0)
        let worker = try swiftWorker { _ -> [String: String] in
            done.withLock { $0 += 1 }
            return [:]
        }
        worker.start()
        _ = try await queue.add("before", json: "{}")
        try await waitUntil("the first job ran", timeout: .seconds(30)) { done.withLock { $0 } == 1 }
        _ = try await PythonBullMQ.run(queue: queueName, "pause")
        let value6 = try await queue.isPaused()
        XCTAssertTrue(value6)
        _ = try await queue.add("while-paused", json: "{}")
        _ = try await queue.add("while-paused", json: "{}")
        try await Task.sleep(for: .seconds(1))  // a window in which a running worker would have taken them
        XCTAssertEqual(done.withLock { $0 }, 1)
        // Made ready while paused, they wait in the legacy `paused` list, safe from a 5.x resume's RENAME;
        // Python's 6.x resume moves them into `wait`.
        let value7 = try await queue.counts()[.paused]
        XCTAssertEqual(value7, 2)
        _ = try await PythonBullMQ.run(queue: queueName, "resume")
        try await waitUntil("the paused jobs ran", timeout: .seconds(30)) { done.withLock { $0 } == 3 }
        await worker.close()
    }

    func testAPythonAndASwiftWorkerTogetherProcessEveryJobExactlyOnce() async throws {
        let total = 300
        let jobs = try (0..<total).map { _ in try Queue.NewJob(name: "shared", data: ["sleepMs": 2]) }
        // Python starts first (its interpreter takes a moment); the Swift worker joins once Python is working.
        _ = try await queue.addBulk(Array(jobs.prefix(20)))
        let swiftDone = Mutex<[String]>([])
        let python = try PythonBullMQ.start(
            queue: queueName, "work", ["count": total, "untilCompleted": total, "timeout": 60, "concurrency": 5])
        try await waitUntil("the Python worker completed a job", timeout: .seconds(30)) {
            (try await self.queue.counts()[.completed] ?? 0) > 0
        }
        let worker = try swiftWorker(concurrency: 5) { job -> [String: String] in
            swiftDone.withLock { $0.append(job.id) }
            try await Task.sleep(for: .milliseconds(2))
            return ["by": "swift"]
        }
        worker.start()
        _ = try await queue.addBulk(Array(jobs.dropFirst(20)))
        try await waitUntil("every job completed", timeout: .seconds(60)) {
            try await self.queue.counts()[.completed] == total
        }
        await worker.close()
        // The Python worker stops once the queue shows `total` completed jobs.
        let pythonDone = ((try await python.result(timeout: .seconds(70)) as? [String: [String]])?["completed"]) ?? []
        let swiftIds = swiftDone.withLock { $0 }
        XCTAssertEqual(Set(swiftIds).count, swiftIds.count, "the Swift worker ran a job twice")
        XCTAssertEqual(Set(pythonDone).count, pythonDone.count, "the Python worker ran a job twice")
        XCTAssertTrue(Set(swiftIds).isDisjoint(with: pythonDone), "a job ran on both workers")
        XCTAssertEqual(swiftIds.count + pythonDone.count, total)
        XCTAssertGreaterThan(swiftIds.count, 0)
        XCTAssertGreaterThan(pythonDone.count, 0)
    }
}

enum SwiftFailure: Error, CustomStringConvertible {
    case failure(Int)
    var description: String {
        switch self {
        case .failure(let attempt): "swift failure \(attempt)"
        }
    }
}
