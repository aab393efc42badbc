import XCTest

@testable import AIModelCache

final class ModelCacheTests: XCTestCase {
    private func makeCache(
        maxEntries: Int = 3, maxBytes: Int? = nil, idle: Duration = .seconds(60), clock: ManualCacheClock,
        sink: RecordingSink? = nil
    ) throws -> ModelCache<String, TestModel> {
        try ModelCache(
            configuration: .init(name: "social", maxEntries: maxEntries, maxBytes: maxBytes, idleTimeout: idle),
            clock: clock, evictionSink: sink?.sink)
    }

    private func load(_ bytes: Int = 1) -> @Sendable (String) async throws -> TestModel {
        { key in TestModel(key, bytes: bytes) }
    }

    func testALoadedModelIsServedFromTheCacheUntilItIsEvicted() async throws {
        let cache = try makeCache(clock: ManualCacheClock())
        let first = try await cache.model(for: "user-1", load: load())
        let second = try await cache.model(for: "user-1") { _ in
            XCTFail("loaded twice")
            return TestModel("x")
        }
        XCTAssertTrue(first === second)
        XCTAssertTrue(cache.cachedModel(for: "user-1") === first)
        XCTAssertTrue(cache.evict("user-1"))
        XCTAssertNil(cache.cachedModel(for: "user-1"))
        XCTAssertFalse(cache.evict("user-1"))
    }

    func testTheLeastRecentlyUsedEntryIsEvictedFirstWithReasonLRU() async throws {
        let sink = RecordingSink()
        let cache = try makeCache(clock: ManualCacheClock(), sink: sink)
        for user in ["a", "b", "c"] { _ = try await cache.model(for: user, load: load()) }
        _ = cache.cachedModel(for: "a")  // b is now the least recently used
        _ = try await cache.model(for: "d", load: load())
        XCTAssertNil(cache.cachedModel(for: "b"))
        XCTAssertNotNil(cache.cachedModel(for: "a"))
        XCTAssertEqual(sink.all.map(\.userId), ["b"])
        XCTAssertEqual(sink.all.map(\.reason), [.lru])
        XCTAssertEqual(sink.all.map(\.modelType), ["social"])
        XCTAssertEqual(cache.count, 3)
        cache.checkInvariants()
    }

    func testAnIdleEntryIsNeverServedEvenBeforeTheSweepRuns() async throws {
        let clock = ManualCacheClock()
        let sink = RecordingSink()
        let cache = try makeCache(idle: .seconds(60), clock: clock, sink: sink)
        _ = try await cache.model(for: "user-1", load: load())
        clock.advance(by: .seconds(60))
        XCTAssertNotNil(cache.cachedModel(for: "user-1"), "idle exactly the timeout is still live")
        clock.advance(by: .milliseconds(60_001))
        XCTAssertNil(cache.cachedModel(for: "user-1"))
        XCTAssertEqual(sink.all.map(\.reason), [.timeout])
        XCTAssertEqual(sink.all.first?.idleTimeMs, 60_001)
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.evictions, .init(lru: 0, timeout: 1, manual: 0))
        XCTAssertEqual(telemetry.misses, 2, "the first load and the expired lookup")
        XCTAssertEqual(telemetry.hits, 1)
    }

    func testAnIdleEntryIsReloadedByModelForKey() async throws {
        let clock = ManualCacheClock()
        let cache = try makeCache(idle: .seconds(1), clock: clock)
        let first = try await cache.model(for: "u", load: load())
        clock.advance(by: .seconds(2))
        let second = try await cache.model(for: "u", load: load())
        XCTAssertFalse(first === second)
        XCTAssertEqual(cache.evictionLog.recent().map(\.reason), [.timeout])
    }

    func testSweepIdleRemovesOnlyEntriesIdleLongerThanTheTimeout() async throws {
        let clock = ManualCacheClock()
        let cache = try makeCache(maxEntries: 10, idle: .seconds(10), clock: clock)
        _ = try await cache.model(for: "old-1", load: load())
        _ = try await cache.model(for: "old-2", load: load())
        clock.advance(by: .seconds(6))
        _ = try await cache.model(for: "new", load: load())
        XCTAssertEqual(cache.sweepIdle(now: clock.now() + 4_000_000_000), 0)
        clock.advance(by: .seconds(5))
        XCTAssertEqual(cache.sweepIdle(), 2)
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache.evictionLog.recent().map(\.userId), ["old-1", "old-2"])
        XCTAssertEqual(cache.evictionLog.recent().map(\.idleTimeMs), [11_000, 11_000])
    }

    func testTheBackgroundSweeperEvictsIdleEntriesAndStops() async throws {
        let clock = ManualCacheClock()
        let cache = try makeCache(idle: .seconds(1), clock: clock)
        _ = try await cache.model(for: "u", load: load())
        cache.startIdleSweeper(interval: .milliseconds(10))
        clock.advance(by: .seconds(2))
        // The log is written just after the entry leaves (outside the cache lock): wait for both.
        let swept = await eventually { cache.count == 0 && !cache.evictionLog.recent().isEmpty }
        XCTAssertTrue(swept, "the sweeper did not evict and log the idle entry in time")
        cache.stopIdleSweeper()
        XCTAssertEqual(cache.evictionLog.recent().map(\.reason), [.timeout])
    }

    func testTheByteBoundHoldsWithMixedModelSizes() async throws {
        let sink = RecordingSink()
        let cache = try makeCache(maxEntries: 10, maxBytes: 100, clock: ManualCacheClock(), sink: sink)
        _ = try await cache.model(for: "a", load: load(40))
        _ = try await cache.model(for: "b", load: load(30))
        _ = try await cache.model(for: "c", load: load(20))
        XCTAssertEqual(cache.estimatedBytes, 90)
        _ = try await cache.model(for: "d", load: load(50))  // evicts a (40) → 100 bytes
        XCTAssertEqual(cache.estimatedBytes, 100)
        XCTAssertEqual(sink.all.map(\.userId), ["a"])
        let big = try await cache.model(for: "huge", load: load(101))
        XCTAssertEqual(big.estimatedBytes, 101, "an oversize model is returned to its caller")
        XCTAssertNil(cache.cachedModel(for: "huge"), "but never cached")
        XCTAssertEqual(cache.estimatedBytes, 100)
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.oversizeRejected, 1)
        XCTAssertEqual(telemetry.estimatedModelBytes, 100)
        cache.checkInvariants()
    }

    func testEvictedModelsAreReleased() async throws {
        let cache = try makeCache(maxEntries: 2, clock: ManualCacheClock())
        weak var lruVictim: TestModel?
        weak var manualVictim: TestModel?
        weak var allVictim: TestModel?
        lruVictim = try await cache.model(for: "a", load: load())
        manualVictim = try await cache.model(for: "b", load: load())
        XCTAssertNotNil(lruVictim, "the cache holds it")
        allVictim = try await cache.model(for: "c", load: load())
        XCTAssertNil(lruVictim, "LRU eviction released the model")
        cache.evict("b")
        XCTAssertNil(manualVictim, "evict released the model")
        cache.evictAll()
        XCTAssertNil(allVictim, "evictAll released the model")
        XCTAssertEqual(cache.count, 0)
    }

    func testTheEvictionLogKeepsOnlyTheLastNRecords() async throws {
        let cache = try ModelCache<String, TestModel>(
            configuration: .init(name: "advertising", maxEntries: 1, evictionLogCapacity: 5),
            clock: ManualCacheClock())
        for index in 0..<12 { _ = try await cache.model(for: "user-\(index)", load: load()) }
        XCTAssertEqual(cache.evictionLog.recent().map(\.userId), (6..<11).map { "user-\($0)" })
        XCTAssertEqual(cache.evictionLog.recent(limit: 2).map(\.userId), ["user-9", "user-10"])
        XCTAssertEqual(cache.evictionLog.recent().first?.modelType, "advertising")
    }

    func testEvictAllRemovesEveryEntryWithReasonManual() async throws {
        let sink = RecordingSink()
        let cache = try makeCache(clock: ManualCacheClock(), sink: sink)
        for user in ["a", "b", "c"] { _ = try await cache.model(for: user, load: load()) }
        XCTAssertEqual(cache.evictAll(), 3)
        XCTAssertEqual(Set(sink.all.map(\.userId)), ["a", "b", "c"])
        XCTAssertEqual(Set(sink.all.map(\.reason)), [.manual])
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.evictions.manual, 3)
        XCTAssertEqual(telemetry.totalEvictions, 3)
        XCTAssertEqual(telemetry.currentSize, 0)
    }

    /// Seeded sequences of lookups, loads, evictions, sweeps and clock steps through the public API,
    /// checked against the reference model: every returned model, every load (or its absence), every
    /// eviction record (key, reason, idle time) in order, the counters and the invariants after each step.
    func testRandomCacheOperationsMatchTheReferenceModel() async throws {
        for seed: UInt64 in [7, 8, 9] {
            try await runReferenceSequence(seed: seed, steps: 1_500)
        }
    }

    private func runReferenceSequence(seed: UInt64, steps: Int) async throws {
        var random = SeededGenerator(seed: seed)
        let clock = ManualCacheClock()
        let sink = RecordingSink()
        let idle: UInt64 = 5_000_000_000
        let cache = try makeCache(maxEntries: 8, maxBytes: 60, idle: .nanoseconds(idle), clock: clock, sink: sink)
        var reference = ReferenceLRU<String>(maxEntries: 8, maxBytes: 60, idleTimeout: idle)
        var version = 0
        var expectedRecords: [ReferenceLRU<String>.Removal] = []
        var hits: UInt64 = 0
        var misses: UInt64 = 0
        for step in 0..<steps {
            let context = "seed \(seed) step \(step)"
            let key = "user-\(Int.random(in: 0..<20, using: &random))"
            let now = clock.now()
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3:
                let expected = reference.lookup(key, now: now)
                let model = cache.cachedModel(for: key)
                XCTAssertEqual(model?.name, expected.value.map { "\(key)#\($0)" }, context)
                expectedRecords += expected.removed.map { [$0] } ?? []
                if expected.value != nil { hits += 1 } else { misses += 1 }
            case 3..<7:
                version += 1
                let bytes = Int.random(in: 1...25, using: &random)
                let expected = reference.lookup(key, now: now)
                expectedRecords += expected.removed.map { [$0] } ?? []
                let loaded = SharedCounter()
                let name = "\(key)#\(version)"
                let model = try await cache.model(for: key) { _ in
                    loaded.increment()
                    return TestModel(name, bytes: bytes)
                }
                if let value = expected.value {
                    hits += 1
                    XCTAssertEqual(model.name, "\(key)#\(value)", context)
                    XCTAssertEqual(loaded.current, 0, "a hit must not load; \(context)")
                } else {
                    misses += 1
                    XCTAssertEqual(model.name, name, context)
                    XCTAssertEqual(loaded.current, 1, "a miss loads once; \(context)")
                    expectedRecords += reference.insert(key, value: version, bytes: bytes, now: now).removed
                }
            case 7:
                XCTAssertEqual(
                    cache.evict(key), reference.remove(key, now: now).map { expectedRecords.append($0) } != nil, context
                )
            case 8:
                expectedRecords += reference.removeIdle(now: now)
                cache.sweepIdle()
            default:
                clock.advance(by: .milliseconds(Int.random(in: 0...3_000, using: &random)))
            }
            cache.checkInvariants()
            XCTAssertEqual(cache.count, reference.entries.count, context)
            XCTAssertEqual(cache.estimatedBytes, reference.totalBytes, context)
            let records = sink.all
            XCTAssertEqual(records.map(\.userId), expectedRecords.map(\.key), context)
            XCTAssertEqual(records.map(\.reason), expectedRecords.map(\.reason), context)
            XCTAssertEqual(records.map(\.idleTimeMs), expectedRecords.map { Double($0.idle) / 1e6 }, context)
            if records.count != expectedRecords.count { return }
        }
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.hits, hits)
        XCTAssertEqual(telemetry.misses, misses)
        XCTAssertEqual(Int(telemetry.totalEvictions), expectedRecords.count)
        XCTAssertEqual(Int(telemetry.evictions.lru), expectedRecords.filter { $0.reason == .lru }.count)
        XCTAssertEqual(Int(telemetry.evictions.timeout), expectedRecords.filter { $0.reason == .timeout }.count)
        XCTAssertGreaterThan(telemetry.evictions.lru, 0)
        XCTAssertGreaterThan(telemetry.evictions.timeout, 0)
        XCTAssertGreaterThan(telemetry.evictions.manual, 0)
    }
}
