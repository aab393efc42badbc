import QueueCoreTestSupport
import RedisClient
import XCTest

@testable import QueueCore

/// Node BullMQ 5.x pauses by renaming `wait` to `paused` and resumes by renaming it back, which overwrites
/// `wait`. These tests replay 5.x's pause and resume around our adds, promotions, retries and stalled
/// requeues: jobs made ready while paused go to `paused`, so nothing is lost under either client's resume.
final class LegacyPauseTests: QueueTestCase {
    /// 5.x's pause and resume, as its scripts did them.
    private static let legacyPause = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1] .. 'wait') == 1 then redis.call('RENAME', KEYS[1] .. 'wait', KEYS[1] .. 'paused') end
        redis.call('HSET', KEYS[1] .. 'meta', 'paused', 1)
        """)
    private static let legacyResume = RedisScript(
        """
        if redis.call('EXISTS', KEYS[1] .. 'paused') == 1 then redis.call('RENAME', KEYS[1] .. 'paused', KEYS[1] .. 'wait') end
        redis.call('HDEL', KEYS[1] .. 'meta', 'paused')
        """)

    private func legacy(_ script: RedisScript) async throws {
        _ = try await client.eval(script, keys: [keys.base], arguments: [])
    }

    private func readyIds() async throws -> Set<String> {
        let wait = try await strings("LRANGE", keys.wait, "0", "-1")
        let paused = try await strings("LRANGE", keys.paused, "0", "-1")
        let prioritized = try await strings("ZRANGE", keys.prioritized, "0", "-1")
        return Set(wait + paused + prioritized)
    }

    /// Jobs that failed for good, to retry during the cycles.
    private func failedJobs(_ count: Int) async throws -> [String] {
        let ids = try await queue.addBulk((0..<count).map { _ in Queue.NewJob(name: "fail", json: "{}") })
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration(concurrency: 10))
        {
            _ -> Int in throw UnrecoverableError("fail once")
        }
        worker.start()
        try await waitUntil("\(count) jobs failed") { try await self.queue.counts()[.failed] == count }
        await worker.close()
        return ids
    }

    func testAHundredLegacyPauseResumeCyclesAroundOurAddsPromotionsAndRetriesLoseNothing() async throws {
        var failed = try await failedJobs(100)
        var expected: Set<String> = []
        for cycle in 0..<100 {
            try await legacy(Self.legacyPause)
            expected.insert(try await queue.add("while-paused", data: [cycle]))
            expected.insert(try await queue.add("prioritized", data: [cycle], options: JobOptions(priority: 2)))
            let delayed = try await queue.add("delayed", data: [cycle], options: JobOptions(delay: 60_000))
            try await queue.promote(delayed)
            expected.insert(delayed)
            let retried = failed.removeLast()
            try await queue.retry(retried)
            expected.insert(retried)
            try await legacy(Self.legacyResume)
            expected.insert(try await queue.add("after-resume", data: [cycle]))
        }
        let ready = try await readyIds()
        XCTAssertEqual(ready.count, expected.count, "ready jobs after 100 cycles")
        XCTAssertEqual(expected.subtracting(ready), [], "jobs lost")
        let paused = try await redis("EXISTS", keys.paused).int
        XCTAssertEqual(paused, 0, "the last legacy resume left no paused list")
    }

    func testAddsWhileLegacyPausedWaitInPausedAndOurResumeMovesThemToWait() async throws {
        let before = try await queue.add("before", json: "{}")
        try await legacy(Self.legacyPause)
        let during = try await queue.add("during", json: "{}")
        let pausedIds = try await strings("LRANGE", keys.paused, "0", "-1")
        XCTAssertEqual(Set(pausedIds), [before, during])
        try await queue.resume()
        let waitIds = try await strings("LRANGE", keys.wait, "0", "-1")
        XCTAssertEqual(Set(waitIds), [before, during])
        let (worker, done) = try startCountingWorker()
        try await waitUntil("both jobs ran") { done.value == 2 }
        await worker.close()
    }

    func testAStalledJobRequeuedWhilePausedGoesToPaused() async throws {
        let id = try await queue.add("stalls", json: "{}")
        try await redis("LREM", keys.wait, "0", id)
        try await redis("LPUSH", keys.active, id)
        try await redis("SADD", keys.key("stalled"), id)
        try await queue.pause()
        let recovered = try await queue.run(QueueScript.moveStalledJobsToWait, ["1", String(Queue.nowMs()), "1000"])
        XCTAssertEqual(recovered.array?.compactMap(\.string), [id])
        let pausedIds = try await strings("LRANGE", keys.paused, "0", "-1")
        XCTAssertEqual(pausedIds, [id])
        try await queue.resume()
        let waitIds = try await strings("LRANGE", keys.wait, "0", "-1")
        XCTAssertEqual(waitIds, [id])
    }
}
