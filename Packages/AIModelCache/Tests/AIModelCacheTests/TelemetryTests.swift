import Foundation
import XCTest

@testable import AIModelCache

final class TelemetryTests: XCTestCase {
    private let memory = ProcessMemory(heapUsedMB: 10, residentMB: 100)

    /// A snapshot with the given counts, built through a real cache so the arithmetic is the cache's own.
    private func telemetry(
        name: String = "social", maxEntries: Int = 100, entries: Int = 0, hits: UInt64 = 0, misses: UInt64 = 0,
        loads: UInt64 = 0
    ) -> CacheTelemetry {
        var statistics = CacheStatistics()
        statistics.hits = hits
        statistics.misses = misses
        for _ in 0..<loads { statistics.recordLoad(succeeded: true, nanoseconds: 1_000_000) }
        return CacheTelemetry(
            modelType: name, currentSize: entries, maxSize: maxEntries,
            utilizationPercent: Double(entries) / Double(maxEntries) * 100, hits: hits, misses: misses,
            hitRatePercent: statistics.hitRatePercent, totalLoads: statistics.totalLoads,
            loadsSucceeded: statistics.loadsSucceeded, loadsFailed: 0, loadsInFlight: 0, totalEvictions: 0,
            evictions: .init(lru: 0, timeout: 0, manual: 0), oversizeRejected: 0,
            averageLoadTimeMs: statistics.averageLoadTimeMs, p95LoadTimeMs: statistics.p95LoadTimeMs,
            estimatedModelBytes: 0, estimatedModelMB: 0, maxBytes: nil, memory: memory)
    }

    func testHitRateArithmeticAfterExactlyTwentyLoads() {
        var statistics = CacheStatistics()
        statistics.misses = 20
        statistics.hits = 60
        for _ in 0..<20 { statistics.recordLoad(succeeded: true, nanoseconds: 2_000_000) }
        XCTAssertEqual(statistics.totalLoads, 20)
        XCTAssertEqual(statistics.hitRatePercent, 75)
        XCTAssertEqual(statistics.averageLoadTimeMs, 2)
        XCTAssertEqual(CacheStatistics().hitRatePercent, 0, "no lookups yet")
    }

    func testP95IsTheNearestRankOverTheRecentWindow() {
        var statistics = CacheStatistics(loadTimeWindow: 100)
        for milliseconds in 1...200 {
            statistics.recordLoad(succeeded: true, nanoseconds: UInt64(milliseconds) * 1_000_000)
        }
        // Window holds 101...200 ms; rank 95 of 100 is 195 ms. The mean covers all 200 loads.
        XCTAssertEqual(statistics.p95LoadTimeMs, 195)
        XCTAssertEqual(statistics.averageLoadTimeMs, 100.5)
        var one = CacheStatistics()
        one.recordLoad(succeeded: false, nanoseconds: 3_000_000)
        XCTAssertEqual(one.p95LoadTimeMs, 3)
        XCTAssertEqual(one.loadsFailed, 1)
    }

    func testTotalEstimatedMemoryIsTheResidentSizeNotResidentPlusModels() async throws {
        let cache = try ModelCache<String, TestModel>(configuration: .init(), clock: ManualCacheClock())
        _ = try await cache.model(for: "u") { TestModel($0, bytes: 512 * 1_048_576) }
        let snapshot = cache.telemetry(memory: ProcessMemory(heapUsedMB: 10, residentMB: 2000))
        XCTAssertEqual(snapshot.estimatedModelMB, 512)
        XCTAssertEqual(snapshot.memory.totalEstimatedMB, 2000)
    }

    func testTheManagerReportsBothCachesWithOneProcessMemorySample() throws {
        let manager = try ModelCacheManager<TestModel, TestModel>(
            configuration: .init(maxSocialModels: 1, maxAdvertisingModels: 50, idleTimeout: .seconds(1800)),
            clock: ManualCacheClock())
        XCTAssertNil(manager.social.cachedModel(for: "nobody"))
        let memory = ProcessMemory(heapUsedMB: 1, residentMB: 60)
        let telemetry = manager.telemetry(memory: memory)
        XCTAssertEqual(
            [telemetry.memory, telemetry.social.memory, telemetry.advertising.memory], [memory, memory, memory])
        XCTAssertEqual(telemetry.social.maxSize, 1)
        XCTAssertEqual(telemetry.advertising.maxSize, 50)
        XCTAssertEqual(telemetry.social.misses, 1)
    }

    func testTheManagerMergesRecentEvictionsOfBothCachesInTimeOrder() async throws {
        let clock = ManualCacheClock()
        let sink = RecordingSink()
        let manager = try ModelCacheManager<TestModel, TestModel>(
            configuration: .init(maxSocialModels: 1, maxAdvertisingModels: 1, idleTimeout: .seconds(1800)),
            clock: clock, evictionSink: sink.sink)
        _ = try await manager.social.model(for: "s1") { TestModel($0) }
        _ = try await manager.advertising.model(for: "a1") { TestModel($0) }
        clock.advance(by: .seconds(1))
        _ = try await manager.social.model(for: "s2") { TestModel($0) }
        clock.advance(by: .seconds(1))
        _ = try await manager.advertising.model(for: "a2") { TestModel($0) }
        let recent = manager.recentEvictions()
        XCTAssertEqual(recent.map(\.userId), ["s1", "a1"])
        XCTAssertEqual(recent.map(\.modelType), ["social", "advertising"])
        XCTAssertEqual(recent.map(\.idleTimeMs), [1_000, 2_000])
        XCTAssertEqual(manager.recentEvictions(limit: 1).map(\.userId), ["a1"])
        XCTAssertEqual(sink.all, recent, "the sink saw the same records")
    }

    func testTelemetryEncodesWithTheDocumentedFieldNames() throws {
        let data = try JSONEncoder().encode(telemetry(entries: 5, hits: 3, misses: 1, loads: 1))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expected: Set<String> = [
            "modelType", "currentSize", "maxSize", "utilizationPercent", "hits", "misses", "hitRatePercent",
            "totalLoads", "loadsSucceeded", "loadsFailed", "loadsInFlight", "totalEvictions", "evictions",
            "oversizeRejected", "averageLoadTimeMs", "p95LoadTimeMs", "estimatedModelBytes", "estimatedModelMB",
            "memory",
        ]
        XCTAssertEqual(Set(object.keys), expected, "maxBytes is omitted when nil")
        let memoryKeys = Set((object["memory"] as? [String: Any])?.keys.map { $0 } ?? [])
        XCTAssertEqual(memoryKeys, ["heapUsedMB", "residentMB", "totalEstimatedMB"])
        XCTAssertEqual(object["hitRatePercent"] as? Double, 75)
    }

    func testProcessMemoryReadsTheRealProcess() async {
        let sample = await ProcessMemory.sampleOffPool()
        XCTAssertGreaterThan(sample.residentMB, 1)
        // Sanitizer runtimes replace malloc, and glibc's mallinfo2 then reports an empty heap.
        if !threadSanitizerIsActive { XCTAssertGreaterThan(sample.heapUsedMB, 0) }
        XCTAssertEqual(sample.totalEstimatedMB, sample.residentMB)
    }
}
