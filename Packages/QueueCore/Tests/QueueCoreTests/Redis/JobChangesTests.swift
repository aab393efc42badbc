import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

/// Job logs and the changes to jobs that have not run (delay, priority, data, promotion) against real Redis.
final class JobChangesTests: QueueTestCase {
    private func expectError(_ code: QueueError.Code, _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected \(code)")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, code, "\(error)")
        } catch {
            XCTFail("unexpected \(error)")
        }
    }

    func testLogsKeepTheNewestAndReadInEitherOrder() async throws {
        let id = try await queue.add("report", json: "{}")
        for line in ["one", "two", "three"] { try await queue.addLog(id, line) }
        let all = try await queue.logs(id)
        XCTAssertEqual(all.lines, ["one", "two", "three"])
        XCTAssertEqual(all.count, 3)
        let newestTwo = try await queue.logs(id, start: 0, end: 1, ascending: false)
        XCTAssertEqual(newestTwo.lines, ["three", "two"])
        let kept = try await queue.addLog(id, "four", keepLogs: 2)
        XCTAssertEqual(kept, 2)
        let trimmed = try await queue.logs(id)
        XCTAssertEqual(trimmed.lines, ["three", "four"])

        await expectError(.jobNotFound) { try await self.queue.addLog("missing", "x") }
        await expectError(.invalidOption) {
            try await self.queue.addLog(id, String(repeating: "x", count: Queue.maxLogLineBytes + 1))
        }
        try await queue.remove(id)
        let gone = try await queue.logs(id)
        XCTAssertEqual(gone.count, 0, "the logs go with the job")
    }

    func testAProcessorLogsWithItsJobsKeepLogs() async throws {
        let id = try await queue.add("chatty", json: "{}", options: JobOptions(keepLogs: 2))
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            for step in 1...4 { try await JobContext.log("step \(step)") }
            return 1
        }
        worker.start()
        try await waitUntil("the job completed") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let logs = try await queue.logs(id)
        XCTAssertEqual(logs.lines, ["step 3", "step 4"])
        let stored = try await redis("HGET", keys.job(id), "opts").string ?? ""
        XCTAssertTrue(stored.contains(#""kl":2"#), stored)
        await expectError(.invalidOption) { try await JobContext.log("outside") }
    }

    func testChangeDelayMovesOnlyADelayedJob() async throws {
        let delayed = try await queue.add("later", json: "{}", options: JobOptions(delay: 3_600_000))
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        try await queue.changeDelay(delayed, delay: .seconds(10))
        let score = try await redis("ZSCORE", keys.delayed, delayed).string.flatMap(Double.init) ?? 0
        let due = Int64(score / 4096)
        XCTAssertGreaterThanOrEqual(due, before + 10_000)
        XCTAssertLessThan(due, before + 20_000)
        let storedDelay = try await queue.job(delayed)?.delay
        XCTAssertEqual(storedDelay, 10_000)

        let waiting = try await queue.add("now", json: "{}")
        await expectError(.wrongState) { try await self.queue.changeDelay(waiting, delay: .seconds(1)) }
        await expectError(.jobNotFound) { try await self.queue.changeDelay("missing", delay: .seconds(1)) }
    }

    func testChangePriorityMovesAWaitingJobAndRefusesAFinishedOne() async throws {
        let first = try await queue.add("a", json: "{}")
        let second = try await queue.add("b", json: "{}")
        try await queue.changePriority(second, priority: 5)
        let prioritized = try await queue.jobs(in: .prioritized).map(\.id)
        XCTAssertEqual(prioritized, [second])
        let perPriority = try await queue.counts(perPriority: [0, 5, 6])
        XCTAssertEqual(perPriority, [0: 1, 5: 1, 6: 0])
        try await queue.changePriority(second, priority: 0, lifo: true)
        let order = try await strings("LRANGE", keys.wait, "0", "-1")
        XCTAssertEqual(order, [first, second], "lifo puts it where the worker takes first (the right end)")

        let delayed = try await queue.add("d", json: "{}", options: JobOptions(delay: 60_000))
        try await queue.changePriority(delayed, priority: 3)
        let delayedPriority = try await queue.job(delayed)?.priority
        XCTAssertEqual(delayedPriority, 3, "a delayed job keeps it for its promotion")
        await expectError(.invalidOption) { try await self.queue.changePriority(first, priority: -1) }

        let (worker, done) = try startCountingWorker()
        try await waitUntil("both waiting jobs completed") { done.value == 2 }
        await worker.close()
        await expectError(.wrongState) { try await self.queue.changePriority(first, priority: 1) }
    }

    func testUpdateDataAndPromoteAll() async throws {
        let id = try await queue.add("x", json: #"{"v":1}"#, options: JobOptions(delay: 60_000))
        try await queue.updateData(id, json: #"{"v":2}"#)
        let data = try await queue.job(id)?.data
        XCTAssertEqual(data, #"{"v":2}"#)
        await expectError(.invalidJSON) { try await self.queue.updateData(id, json: "{nope") }
        await expectError(.jobNotFound) { try await self.queue.updateData("missing", json: "{}") }

        let more = (0..<24).map { _ in Queue.NewJob(name: "later", json: "{}", options: JobOptions(delay: 60_000)) }
        _ = try await queue.addBulk(more)
        try await queue.promoteAll(batch: 10)
        let counts = try await queue.counts()
        XCTAssertEqual(counts[.delayed], 0)
        XCTAssertEqual(counts[.waiting], 25)
    }
}
