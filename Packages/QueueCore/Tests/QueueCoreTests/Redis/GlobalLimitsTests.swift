import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// The queue-wide limits BullMQ keeps in `meta`, set and honoured with BullMQ's precedence.
final class GlobalLimitsTests: QueueTestCase {
    func testLimitsAreStoredInMetaReadBackAndRemoved() async throws {
        try await queue.setGlobalConcurrency(3)
        try await queue.setGlobalRateLimit(Worker.RateLimit(max: 10, duration: .seconds(2)))
        let meta = try await strings("HMGET", keys.meta, "concurrency", "max", "duration")
        XCTAssertEqual(meta, ["3", "10", "2000"])
        let concurrency = try await queue.globalConcurrency()
        XCTAssertEqual(concurrency, 3)
        let limit = try await queue.globalRateLimit()
        XCTAssertEqual(limit, Worker.RateLimit(max: 10, duration: .seconds(2)))
        try await queue.removeGlobalConcurrency()
        try await queue.removeGlobalRateLimit()
        let removedConcurrency = try await queue.globalConcurrency()
        let removedLimit = try await queue.globalRateLimit()
        XCTAssertNil(removedConcurrency)
        XCTAssertNil(removedLimit)
    }

    func testBadLimitsAreRefusedAndNothingIsWritten() async throws {
        do {
            try await queue.setGlobalConcurrency(0)
            XCTFail("concurrency 0 was accepted")
        } catch let error as QueueError {
            XCTAssertTrue(error.message.contains("global concurrency must be >= 1"), error.message)
        }
        do {
            try await queue.setGlobalRateLimit(Worker.RateLimit(max: 0, duration: .seconds(1)))
            XCTFail("max 0 was accepted")
        } catch let error as QueueError {
            XCTAssertTrue(error.message.contains("max >= 1"), error.message)
        }
        let meta = try await redis("EXISTS", keys.meta).int
        XCTAssertEqual(meta, 0)
    }

    func testGlobalConcurrencyCapsWorkersThatWouldRunMore() async throws {
        try await queue.setGlobalConcurrency(1)
        let running = Mutex((now: 0, most: 0))
        let done = Counter()
        let processor: @Sendable (Job) async throws -> Int = { _ in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            try await Task.sleep(for: .milliseconds(20))
            running.withLock { $0.now -= 1 }
            done.increment()
            return 1
        }
        let workers = try (0..<2).map { _ in
            try Worker(
                queueName: queueName, client: client, configuration: fastConfiguration(concurrency: 5),
                processor: processor)
        }
        _ = try await queue.addBulk((0..<8).map { _ in Queue.NewJob(name: "one-at-a-time", json: "{}") })
        workers.forEach { $0.start() }
        try await waitUntil("all eight jobs ran") { done.value == 8 }
        for worker in workers { await worker.close() }
        XCTAssertEqual(running.withLock { $0.most }, 1, "jobs running at once under a global concurrency of 1")
    }

    func testTheWorkersOwnWindowWinsOverTheGlobalOneAndTheGlobalMaxOverTheWorkers() async throws {
        // Global: 1 job per minute. Worker: 100 jobs per 150 ms. BullMQ takes max 1 from the queue and the
        // 150 ms window from the worker, so the jobs run one per 150 ms instead of one per minute.
        try await queue.setGlobalRateLimit(Worker.RateLimit(max: 1, duration: .seconds(60)))
        var configuration = fastConfiguration()
        configuration.limiter = Worker.RateLimit(max: 100, duration: .milliseconds(150))
        let done = Counter()
        configuration.onEvent = { event in if case .completed = event { done.increment() } }
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in 1 }
        _ = try await queue.addBulk((0..<3).map { _ in Queue.NewJob(name: "limited", json: "{}") })
        worker.start()
        try await waitUntil("three jobs ran under the worker's window", timeout: .seconds(20)) { done.value == 3 }
        await worker.close()
        let ttl = try await redis("PTTL", keys.key("limiter")).int ?? -2
        XCTAssertLessThanOrEqual(ttl, 150, "the limiter window is the worker's 150 ms, not the queue's minute")
    }
}
