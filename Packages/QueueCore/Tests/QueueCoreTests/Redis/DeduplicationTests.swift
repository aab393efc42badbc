import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// BullMQ's deduplication modes against a real Redis: what an add returns, what is stored, when the claim goes.
final class DeduplicationTests: QueueTestCase {
    private func options(_ deduplication: Deduplication, delay: Int = 0, attempts: Int = 0) -> JobOptions {
        JobOptions(delay: delay, attempts: attempts, deduplication: deduplication)
    }

    private func deduplicatedEvents() async throws -> [[String: String]] {
        let entries = try await client.send(["XRANGE", keys.events, "-", "+"]).array ?? []
        return entries.compactMap { entry in
            let fields = (entry.array?.last?.array ?? []).compactMap(\.string)
            var pairs: [String: String] = [:]
            for index in stride(from: 0, to: fields.count - 1, by: 2) { pairs[fields[index]] = fields[index + 1] }
            return pairs["event"] == "deduplicated" ? pairs : nil
        }
    }

    func testSimpleModeDropsAddsUntilTheJobCompletesThenAddsAgain() async throws {
        let first = try await queue.add("post", data: ["v": 1], options: options(Deduplication(id: "post-7")))
        let second = try await queue.add("post", data: ["v": 2], options: options(Deduplication(id: "post-7")))
        XCTAssertEqual(second, first, "an add during the claim returns the owner's id")
        let waiting = try await queue.counts()[.waiting]
        XCTAssertEqual(waiting, 1)
        let owner = try await queue.deduplicationJobId("post-7")
        XCTAssertEqual(owner, first)
        let stored = try await redis("HGET", keys.job(first), "deid").string
        XCTAssertEqual(stored, "post-7")
        let events = try await deduplicatedEvents()
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?["jobId"], first)
        XCTAssertEqual(events.first?["deduplicationId"], "post-7")
        XCTAssertNotNil(events.first?["deduplicatedJobId"])

        let (worker, done) = try startCountingWorker()
        try await waitUntil("the first job completed") { done.value == 1 }
        let released = try await queue.deduplicationJobId("post-7")
        XCTAssertNil(released, "completing the job releases its claim")
        let third = try await queue.add("post", data: ["v": 3], options: options(Deduplication(id: "post-7")))
        XCTAssertNotEqual(third, first)
        try await waitUntil("the job added after completion ran") { done.value == 2 }
        await worker.close()
    }

    func testFailingForGoodReleasesTheClaimButARetryKeepsIt() async throws {
        let attempts = Counter()
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) {
            _ -> Int in
            attempts.increment()
            throw QueueError(.invalidOption, "no")
        }
        let id = try await queue.add("x", json: "{}", options: options(Deduplication(id: "d"), attempts: 2))
        worker.start()
        try await waitUntil("the first attempt failed") { attempts.value >= 1 }
        try await waitUntil("the job failed for good") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        let owner = try await queue.deduplicationJobId("d")
        XCTAssertNil(owner)
        let again = try await queue.add("x", json: "{}", options: options(Deduplication(id: "d")))
        XCTAssertNotEqual(again, id)
    }

    func testRemovingDrainingCleaningAndObliteratingReleaseTheClaim() async throws {
        let removed = try await queue.add("x", json: "{}", options: options(Deduplication(id: "r")))
        let wasRemoved = try await queue.remove(removed)
        XCTAssertTrue(wasRemoved)
        var owner = try await queue.deduplicationJobId("r")
        XCTAssertNil(owner, "remove")

        _ = try await queue.add("x", json: "{}", options: options(Deduplication(id: "d"), delay: 60_000))
        try await queue.drain(includeDelayed: true)
        owner = try await queue.deduplicationJobId("d")
        XCTAssertNil(owner, "drain")

        _ = try await queue.add("x", json: "{}", options: options(Deduplication(id: "c")))
        _ = try await queue.clean(grace: .zero, state: .waiting)
        owner = try await queue.deduplicationJobId("c")
        XCTAssertNil(owner, "clean")

        _ = try await queue.add("x", json: "{}", options: options(Deduplication(id: "o")))
        try await queue.obliterate(force: true)
        owner = try await queue.deduplicationJobId("o")
        XCTAssertNil(owner, "obliterate")
    }

    func testThrottleModeHoldsTheClaimForItsTtlEvenAfterTheJobCompletes() async throws {
        let throttle = Deduplication(id: "t", ttl: 400)
        let first = try await queue.add("x", json: "{}", options: options(throttle))
        let (worker, done) = try startCountingWorker()
        try await waitUntil("the job completed") { done.value == 1 }
        let during = try await queue.add("x", json: "{}", options: options(throttle))
        XCTAssertEqual(during, first, "within the ttl the add is dropped although the job finished")
        try await waitUntil("the claim expired") { try await self.queue.deduplicationJobId("t") == nil }
        let after = try await queue.add("x", json: "{}", options: options(throttle))
        XCTAssertNotEqual(after, first)
        try await waitUntil("the add after the ttl ran") { done.value == 2 }
        await worker.close()
    }

    func testDebounceReplacesTheDelayedJobWithTheLatestData() async throws {
        let debounce = Deduplication(id: "b", ttl: 60_000, extend: true, replace: true)
        let first = try await queue.add("x", data: ["v": 1], options: options(debounce, delay: 60_000))
        let second = try await queue.add("x", data: ["v": 2], options: options(debounce, delay: 60_000))
        XCTAssertNotEqual(second, first, "the replacing add is a new job")
        let firstJob = try await queue.job(first)
        XCTAssertNil(firstJob, "the replaced delayed job is removed")
        let delayed = try await queue.jobs(in: .delayed)
        XCTAssertEqual(delayed.map(\.id), [second])
        XCTAssertEqual(try delayed.first?.decodeData([String: Int].self), ["v": 2])
        let owner = try await queue.deduplicationJobId("b")
        XCTAssertEqual(owner, second)
        let ttl = try await redis("PTTL", keys.deduplication("b")).int ?? 0
        XCTAssertGreaterThan(ttl, 0)
    }

    func testExtendProlongsTheClaimOfTheOwner() async throws {
        let extend = Deduplication(id: "e", ttl: 60_000, extend: true)
        let first = try await queue.add("x", json: "{}", options: options(extend))
        try await redis("PEXPIRE", keys.deduplication("e"), "1000")
        let second = try await queue.add("x", json: "{}", options: options(extend))
        XCTAssertEqual(second, first)
        let ttl = try await redis("PTTL", keys.deduplication("e")).int ?? 0
        XCTAssertGreaterThan(ttl, 1000, "the add set the claim back to its full ttl")
    }

    func testKeepLastIfActiveAddsTheLastAddKeptWhileTheOwnerRanOnceItFinishes() async throws {
        let keepLast = Deduplication(id: "k", keepLastIfActive: true)
        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let seen = Mutex<[Int]>([])
        let started = Counter()
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            let value = try job.decodeData([String: Int].self)["v"] ?? 0
            seen.withLock { $0.append(value) }
            started.increment()
            if value == 1 { await withCheckedContinuation { continuation in release.withLock { $0 = continuation } } }
            return value
        }
        let first = try await queue.add("x", data: ["v": 1], options: options(keepLast))
        worker.start()
        try await waitUntil("the first job is running") { release.withLock { $0 != nil } }
        let second = try await queue.add("x", data: ["v": 2], options: options(keepLast))
        let third = try await queue.add("x", data: ["v": 3], options: options(keepLast))
        XCTAssertEqual(second, first)
        XCTAssertEqual(third, first)
        let kept = try await redis("HGET", keys.key("dn:k"), "data").string
        XCTAssertEqual(kept, #"{"v":3}"#, "the last add is kept")
        release.withLock { $0?.resume() }
        try await waitUntil("the kept add ran after the owner finished") { started.value == 2 }
        await worker.close()
        XCTAssertEqual(seen.withLock { $0 }, [1, 3])
        let gone = try await redis("EXISTS", keys.key("dn:k")).int
        XCTAssertEqual(gone, 0)
    }

    func testRemoveDeduplicationKeyLetsTheNextAddThrough() async throws {
        let first = try await queue.add("x", json: "{}", options: options(Deduplication(id: "m")))
        let removed = try await queue.removeDeduplicationKey("m")
        XCTAssertTrue(removed)
        let second = try await queue.add("x", json: "{}", options: options(Deduplication(id: "m")))
        XCTAssertNotEqual(second, first)
        let removedAgain = try await queue.removeDeduplicationKey("absent")
        XCTAssertFalse(removedAgain)
    }

    func testAStaleClaimWhoseJobIsGoneIsTakenOver() async throws {
        try await redis("SET", keys.deduplication("s"), "no-such-job")
        let id = try await queue.add("x", json: "{}", options: options(Deduplication(id: "s")))
        XCTAssertNotEqual(id, "no-such-job")
        let owner = try await queue.deduplicationJobId("s")
        XCTAssertEqual(owner, id)
    }
}
