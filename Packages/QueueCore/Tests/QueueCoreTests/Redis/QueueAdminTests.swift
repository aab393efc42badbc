import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

final class QueueAdminTests: QueueTestCase {
    /// Runs one job through a worker that fails it for good.
    private func failOne(_ name: String = "f") async throws -> String {
        let id = try await queue.add(name, json: "{}")
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ -> Int in
            throw UnrecoverableError("no")
        }
        worker.start()
        try await waitUntil("job \(id) failed") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        return id
    }

    func testCountsCoverEveryStateAndALegacyPausedListOnlyWhenItExists() async throws {
        _ = try await queue.add("w", json: "{}")
        _ = try await queue.add("d", json: "{}", options: JobOptions(delay: 60_000))
        _ = try await queue.add("p", json: "{}", options: JobOptions(priority: 2))
        var counts = try await queue.counts()
        XCTAssertEqual(counts[.waiting], 1)
        XCTAssertEqual(counts[.delayed], 1)
        XCTAssertEqual(counts[.prioritized], 1)
        XCTAssertEqual(counts[.completed], 0)
        XCTAssertEqual(counts[.waitingChildren], 0)
        XCTAssertNil(counts[.paused])
        try await redis("LPUSH", keys.key("paused"), "legacy")
        counts = try await queue.counts()
        XCTAssertEqual(counts[.paused], 1)
    }

    func testJobsInAStateAreListedNewestFirstOrAscending() async throws {
        for n in 1...5 { _ = try await queue.add("j", json: "{\"n\":\(n)}") }
        let value1 = try await queue.jobs(in: .waiting, range: 0...1).map(\.id)
        XCTAssertEqual(value1, ["5", "4"])
        let value2 = try await queue.jobs(in: .waiting, range: 0...1, ascending: true).map(\.id)
        XCTAssertEqual(value2, ["1", "2"])
    }

    func testFinishedJobsAreReadByFinishTimeOldestFirst() async throws {
        for n in 1...4 { _ = try await queue.add("j", json: "{\"n\":\(n)}") }
        try await redis("ZADD", keys.key("completed"), "1000", "1", "2000", "2", "3000", "3", "4000", "gone")
        let inside = try await queue.finishedJobs(in: .completed, finishedOn: 1500...4000).map(\.id)
        XCTAssertEqual(inside, ["2", "3"], "by score, inclusive; a member without a hash is skipped")
        let limited = try await queue.finishedJobs(in: .completed, finishedOn: 0...5000, limit: 1).map(\.id)
        XCTAssertEqual(limited, ["1"])
        do {
            _ = try await queue.finishedJobs(in: .waiting, finishedOn: 0...1)
            XCTFail("waiting is not a finished set")
        } catch let error as QueueError {
            XCTAssertTrue("\(error)".contains("completed or failed"), "\(error)")
        }
    }

    func testPauseSetsMetaDropsTheMarkerAndResumeMergesALegacyPausedList() async throws {
        _ = try await queue.add("a", json: "{}")
        try await queue.pause()
        let value3 = try await queue.isPaused()
        XCTAssertTrue(value3)
        let value4 = try await redis("EXISTS", keys.key("marker")).int
        XCTAssertEqual(value4, 0)
        _ = try await queue.add("b", json: "{}")
        let value5 = try await redis("EXISTS", keys.key("marker")).int
        XCTAssertEqual(value5, 0, "no marker while paused")
        let value6 = try await redis("LLEN", keys.key("wait")).int
        XCTAssertEqual(value6, 1, "6.x semantics: what waited stays in wait")
        let madeReady = try await strings("LRANGE", keys.key("paused"), "0", "-1")
        XCTAssertEqual(madeReady, ["2"], "made ready while paused: in the legacy list, safe from a 5.x resume")
        try await redis("RPUSH", keys.key("paused"), "old2", "old1")
        try await queue.resume()
        let value7 = try await queue.isPaused()
        XCTAssertFalse(value7)
        let value8 = try await strings("LRANGE", keys.key("wait"), "0", "-1")
        XCTAssertEqual(value8, ["2", "old2", "old1", "1"])
        let value9 = try await redis("EXISTS", keys.key("paused")).int
        XCTAssertEqual(value9, 0)
        let value10 = try await strings("ZRANGE", keys.key("marker"), "0", "-1")
        XCTAssertEqual(value10, ["0"])
        let value11 = try await eventNames().suffix(1)
        XCTAssertEqual(Array(value11), ["resumed"])
    }

    func testRetryMovesAFailedJobBackToWaitAndRefusesOthers() async throws {
        let id = try await failOne()
        try await queue.retry(id)
        let value12 = try await queue.state(of: id)
        XCTAssertEqual(value12, .waiting)
        let value13 = try await queue.job(id)?.failedReason
        XCTAssertNil(value13)
        do {
            try await queue.retry(id)
            XCTFail("retrying a waiting job must fail")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, .wrongState)
        }
    }

    func testRetryAllMovesEveryFailedJob() async throws {
        let first = try await failOne()
        let second = try await failOne()
        try await queue.retryAll()
        let value14 = try await queue.counts()[.failed]
        XCTAssertEqual(value14, 0)
        let value15 = try await strings("LRANGE", keys.key("wait"), "0", "-1")
        XCTAssertEqual(Set(value15), [first, second])
    }

    func testPromoteMakesADelayedJobReadyNow() async throws {
        let id = try await queue.add("d", json: "{}", options: JobOptions(delay: 600_000))
        try await queue.promote(id)
        let value16 = try await queue.state(of: id)
        XCTAssertEqual(value16, .waiting)
        let value17 = try await queue.job(id)?.delay
        XCTAssertEqual(value17, 0)
        let value18 = try await eventNames().last
        XCTAssertEqual(value18, "waiting")
        await XCTAssertThrowsErrorAsync(try await self.queue.promote(id))
    }

    func testCleanDeletesOnlyJobsOlderThanTheGrace() async throws {
        let old = try await queue.add(
            "old", json: "{}", options: JobOptions(timestamp: Int64(Date().timeIntervalSince1970 * 1000) - 120_000))
        let young = try await queue.add("young", json: "{}")
        let removed = try await queue.clean(grace: .seconds(60), state: .waiting)
        XCTAssertEqual(removed, [old])
        let value19 = try await strings("LRANGE", keys.key("wait"), "0", "-1")
        XCTAssertEqual(value19, [young])
        let value20 = try await redis("EXISTS", keys.key(old)).int
        XCTAssertEqual(value20, 0)
        let value21 = try await eventNames().last
        XCTAssertEqual(value21, "cleaned")
    }

    func testRemoveDeletesAJobAndItsKeysButRefusesALockedOne() async throws {
        let id = try await queue.add("r", json: "{}")
        let value22 = try await queue.remove(id)
        XCTAssertTrue(value22)
        let value23 = try await redis("EXISTS", keys.key(id)).int
        XCTAssertEqual(value23, 0)
        let value24 = try await redis("LLEN", keys.key("wait")).int
        XCTAssertEqual(value24, 0)
        let value25 = try await queue.remove(id)
        XCTAssertFalse(value25)
        let locked = try await queue.add("r", json: "{}")
        try await redis("SET", keys.key("\(locked):lock"), "someone")
        await XCTAssertThrowsErrorAsync(try await self.queue.remove(locked))
    }

    func testDrainDeletesWaitingJobsAndKeepsDelayedUnlessAsked() async throws {
        _ = try await queue.add("w", json: "{}")
        _ = try await queue.add("p", json: "{}", options: JobOptions(priority: 3))
        let delayed = try await queue.add("d", json: "{}", options: JobOptions(delay: 60_000))
        try await queue.drain()
        var counts = try await queue.counts()
        XCTAssertEqual(counts[.waiting], 0)
        XCTAssertEqual(counts[.prioritized], 0)
        XCTAssertEqual(counts[.delayed], 1)
        let value26 = try await redis("EXISTS", keys.key("1")).int
        XCTAssertEqual(value26, 0)
        try await queue.drain(includeDelayed: true)
        counts = try await queue.counts()
        XCTAssertEqual(counts[.delayed], 0)
        let value27 = try await redis("EXISTS", keys.key(delayed)).int
        XCTAssertEqual(value27, 0)
    }

    func testObliterateNeedsAPausedQueueAndThenDeletesEveryKey() async throws {
        _ = try await queue.addBulk(try (0..<2500).map { try Queue.NewJob(name: "o", data: [$0]) })
        await XCTAssertThrowsErrorAsync(try await self.queue.obliterate())
        try await queue.pause()
        try await queue.obliterate()
        let value28 = try await strings("KEYS", keys.base + "*")
        XCTAssertEqual(value28, [])
    }
}
