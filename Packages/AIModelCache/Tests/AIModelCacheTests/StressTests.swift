import Dispatch
import XCTest

@testable import AIModelCache

final class StressTests: XCTestCase {
    /// Many threads (not tasks) hammer one cache with hits, misses, evictions and sweeps; run under
    /// `swift test --sanitize=thread` to check for races. Bounds and invariants must hold at the end.
    func testManyThreadsMixingLookupsInsertsAndEvictionsKeepTheCacheConsistent() throws {
        let clock = ManualCacheClock()
        let sink = RecordingSink()
        let cache = try ModelCache<String, TestModel>(
            configuration: .init(name: "social", maxEntries: 32, maxBytes: 400, idleTimeout: .seconds(1)),
            clock: clock, evictionSink: sink.sink)
        let keys = (0..<64).map { "user-\(10_000 + $0)" }
        let threads = 8
        let operations = 4_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            var random = SeededGenerator(seed: UInt64(thread + 1))
            for _ in 0..<operations {
                let key = keys[Int.random(in: 0..<keys.count, using: &random)]
                switch Int.random(in: 0..<100, using: &random) {
                case 0..<70: _ = cache.cachedModel(for: key)
                case 70..<90:
                    let bytes = Int.random(in: 1...30, using: &random)
                    var removed: [LRUTable<String, TestModel>.Removed] = []
                    let now = clock.now()
                    cache.state.withLock {
                        _ = $0.table.insert(
                            key, hash: key.hashValue, value: TestModel(key, bytes: bytes), bytes: bytes, now: now,
                            removed: &removed)
                        for entry in removed { $0.statistics.recordEviction(entry.reason) }
                    }
                    cache.publish(removed)
                case 90..<95: cache.evict(key)
                case 95..<98: clock.advance(by: .milliseconds(100))
                default: cache.sweepIdle()
                }
            }
        }
        cache.checkInvariants()
        XCTAssertLessThanOrEqual(cache.count, 32)
        XCTAssertLessThanOrEqual(cache.estimatedBytes, 400)
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.hits + telemetry.misses, UInt64(threads * operations) * 70 / 100, accuracy: 2_000)
        XCTAssertEqual(Int(telemetry.totalEvictions), sink.all.count)
    }

    /// Many tasks load, hit and evict overlapping keys concurrently through the async API.
    func testManyTasksLoadingAndEvictingOverlappingKeysStayConsistent() async throws {
        let cache = try ModelCache<String, TestModel>(
            configuration: .init(name: "advertising", maxEntries: 16, loadTimeout: .seconds(10)),
            clock: ManualCacheClock())
        try await withTimeout {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var random = SeededGenerator(seed: UInt64(100 + worker))
                        for _ in 0..<500 {
                            let key = "user-\(Int.random(in: 0..<40, using: &random))"
                            if Int.random(in: 0..<10, using: &random) == 0 {
                                cache.evict(key)
                            } else {
                                let model = try await cache.model(for: key) { TestModel($0) }
                                XCTAssertEqual(model.name, key)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        cache.checkInvariants()
        let telemetry = cache.telemetry(memory: ProcessMemory(heapUsedMB: 0, residentMB: 0))
        XCTAssertEqual(telemetry.loadsInFlight, 0)
        XCTAssertEqual(telemetry.loadsFailed, 0)
    }
}

private func XCTAssertEqual(
    _ value: UInt64, _ expected: UInt64, accuracy: UInt64, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertTrue(
        value + accuracy >= expected && value <= expected + accuracy, "\(value) not within \(accuracy) of \(expected)",
        file: file, line: line)
}
