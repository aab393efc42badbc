import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// What a processor may do with its running job, as BullMQ lets it: move it to delayed, rate-limit the queue,
/// discard retries, extend the lock, and learn that its lock was lost.
final class ProcessorMovesTests: QueueTestCase {
    private func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func testMoveToDelayedRunsTheJobAgainLaterWithoutCountingAnAttempt() async throws {
        let runs = Mutex<[Int64]>([])
        let delayedUntil = Mutex<Int64>(0)
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let first = runs.withLock { runs in
                runs.append(now)
                return runs.count == 1
            }
            if first {
                delayedUntil.withLock { $0 = now + 400 }
                try await JobContext.moveToDelayed(until: now + 400)
            }
            return "second run"
        }
        let id = try await queue.add("wait-a-bit", json: "{}", options: JobOptions(attempts: 1))
        worker.start()
        try await waitUntil("the job completed on its second run") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let times = runs.withLock { $0 }
        XCTAssertEqual(times.count, 2)
        XCTAssertGreaterThanOrEqual(times[1], delayedUntil.withLock { $0 } - 5, "it did not run before it was due")
        let job = try await queue.job(id)
        XCTAssertEqual(job?.attemptsMade, 1, "the move did not count as an attempt")
        XCTAssertEqual(job?.returnValue, #""second run""#)
        let events = try await eventNames()
        XCTAssertTrue(events.contains("delayed"), "\(events)")
        XCTAssertFalse(events.contains("failed"), "\(events)")
    }

    func testRateLimitHoldsEveryWorkerAndRequeuesTheJobFirst() async throws {
        let runs = Mutex<[(String, Int64)]>([])
        let limitedAt = Mutex<Int64>(0)
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let first = runs.withLock { runs in
                runs.append((job.name, now))
                return runs.count == 1
            }
            if first {
                limitedAt.withLock { $0 = now }
                try await JobContext.rateLimit(for: .milliseconds(500))
            }
            return 1
        }
        let limited = try await queue.add("a", json: "{}")
        _ = try await queue.add("b", json: "{}")
        worker.start()
        try await waitUntil("both jobs completed") { (try await self.queue.counts()[.completed] ?? 0) == 2 }
        await worker.close()
        let order = runs.withLock { $0 }
        XCTAssertEqual(order.map(\.0), ["a", "a", "b"], "the limited job went back to the front")
        XCTAssertGreaterThanOrEqual(order[1].1, limitedAt.withLock { $0 } + 400, "no job ran during the limit")
        let attempts = try await queue.job(limited)?.attemptsMade
        XCTAssertEqual(attempts, 1)
    }

    func testDiscardMakesTheNextFailureFinal() async throws {
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) {
            _ -> Int in
            try JobContext.discard()
            throw QueueError(.invalidOption, "bad input, do not retry")
        }
        let id = try await queue.add("doomed", json: "{}", options: JobOptions(attempts: 5))
        worker.start()
        try await waitUntil("the job failed for good") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        let attempts = try await queue.job(id)?.attemptsMade
        XCTAssertEqual(attempts, 1, "four attempts were left, none used")
    }

    func testALostLockCancelsTheProcessorAndExtendLockReportsIt() async throws {
        let cancelled = Counter()
        let extendFailed = Counter()
        var configuration = fastConfiguration()
        configuration.lockDuration = .seconds(2)
        configuration.lockRenewTime = .milliseconds(200)
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { job -> Int in
            try await JobContext.extendLock(for: .seconds(3))
            // Work until cancelled (bounded): the test takes the lock away.
            let deadline = ContinuousClock.now + .seconds(20)
            while !Task.isCancelled && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if Task.isCancelled { cancelled.increment() }
            do {
                try await JobContext.extendLock(for: .seconds(3))
            } catch let error as QueueError where error.code == .lockLost {
                extendFailed.increment()
            }
            return 1
        }
        let id = try await queue.add("long", json: "{}")
        worker.start()
        try await waitUntil("the job is active") { try await self.queue.state(of: id) == .active }
        let ttl = try await redis("PTTL", keys.lock(id)).int ?? 0
        XCTAssertGreaterThan(ttl, 2000, "extendLock lengthened the lock beyond lockDuration")
        try await redis("SET", keys.lock(id), "another-worker")
        try await waitUntil("the processor saw its cancellation", timeout: .seconds(10)) { cancelled.value == 1 }
        await worker.close()
        XCTAssertEqual(extendFailed.value, 1, "extendLock after the loss throws lockLost")
        let state = try await queue.state(of: id)
        XCTAssertEqual(state, .active, "its result was refused: the job stays with the lock's owner")
    }

    func testMovesOutsideAProcessorAreRefused() async throws {
        for move in ["discard", "extendLock", "moveToDelayed"] {
            do {
                switch move {
                case "discard": try JobContext.discard()
                case "extendLock": try await JobContext.extendLock(for: .seconds(1))
                default: try await JobContext.moveToDelayed(until: nowMs())
                }
                XCTFail("\(move) outside a processor was accepted")
            } catch let error as QueueError {
                XCTAssertEqual(error.code, .invalidOption)
                XCTAssertTrue(error.message.contains("inside a worker's processor"), error.message)
            }
        }
    }
}
