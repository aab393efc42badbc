import XCTest

@testable import AIModelCache

final class LRUTableModelTests: XCTestCase {
    private func removal(_ removed: LRUTable<Int, Int>.Removed) -> ReferenceLRU<Int>.Removal {
        ReferenceLRU<Int>.Removal(
            key: removed.key, value: removed.value, reason: removed.reason, idle: removed.idleNanoseconds)
    }

    /// Runs `steps` random operations on a table and the reference, comparing every result and every
    /// removal (key, value, reason, idle time), the recency order and the invariants after each step.
    private func runRandomSequence(
        seed: UInt64, steps: Int, maxEntries: Int, maxBytes: Int?, keySpace: Int, hash: (Int) -> Int
    ) {
        var random = SeededGenerator(seed: seed)
        let idleTimeout: UInt64 = 1_000
        var table = LRUTable<Int, Int>(maxEntries: maxEntries, maxBytes: maxBytes, idleTimeout: idleTimeout)
        var reference = ReferenceLRU<Int>(maxEntries: maxEntries, maxBytes: maxBytes, idleTimeout: idleTimeout)
        var now: UInt64 = 0
        var nextValue = 0
        for step in 0..<steps {
            let context = "seed \(seed) step \(step)"
            let key = Int.random(in: 0..<keySpace, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<40:
                let expected = reference.lookup(key, now: now)
                switch table.lookup(key, hash: hash(key), now: now) {
                case .hit(let value):
                    XCTAssertEqual(value, expected.value, context)
                    XCTAssertNil(expected.removed, context)
                case .expired(let removed):
                    XCTAssertNil(expected.value, context)
                    XCTAssertEqual(removal(removed), expected.removed, context)
                case .miss:
                    XCTAssertNil(expected.value, context)
                    XCTAssertNil(expected.removed, context)
                }
            case 40..<75:
                nextValue += 1
                let bytes = Int.random(in: 1...(maxBytes.map { $0 + $0 / 4 } ?? 50), using: &random)
                let expected = reference.insert(key, value: nextValue, bytes: bytes, now: now)
                var removed: [LRUTable<Int, Int>.Removed] = []
                let stored = table.insert(
                    key, hash: hash(key), value: nextValue, bytes: bytes, now: now, removed: &removed)
                XCTAssertEqual(stored, expected.stored, context)
                XCTAssertEqual(removed.map(removal), expected.removed, context)
            case 75..<83:
                let expected = reference.remove(key, now: now)
                XCTAssertEqual(table.remove(key, hash: hash(key), now: now).map(removal), expected, context)
            case 83..<88:
                var removed: [LRUTable<Int, Int>.Removed] = []
                table.removeIdle(now: now, into: &removed)
                XCTAssertEqual(removed.map(removal), reference.removeIdle(now: now), context)
            case 88:
                var removed: [LRUTable<Int, Int>.Removed] = []
                table.removeAll(now: now, into: &removed)
                XCTAssertEqual(removed.map(removal), reference.removeAll(now: now), context)
            default:
                // Mostly small steps, sometimes past the idle timeout.
                now +=
                    Bool.random(using: &random)
                    ? UInt64.random(in: 0...200, using: &random) : UInt64.random(in: 0...1_500, using: &random)
            }
            table.checkInvariants()
            XCTAssertEqual(table.keysByRecency, reference.entries.map(\.key), context)
            XCTAssertEqual(table.totalBytes, reference.totalBytes, context)
            if table.keysByRecency != reference.entries.map(\.key) { return }
        }
    }

    func testRandomOperationsMatchTheReferenceModelWithRealHashes() {
        for seed: UInt64 in 1...4 {
            runRandomSequence(seed: seed, steps: 5_000, maxEntries: 16, maxBytes: nil, keySpace: 40) { $0.hashValue }
        }
    }

    func testRandomOperationsMatchTheReferenceModelWhenEveryKeyCollides() {
        // Four hash values for forty keys: long probe runs exercise backward-shift deletion.
        for seed: UInt64 in 10...13 {
            runRandomSequence(seed: seed, steps: 5_000, maxEntries: 16, maxBytes: nil, keySpace: 40) { $0 & 3 }
        }
    }

    func testRandomOperationsMatchTheReferenceModelUnderAByteBoundWithMixedSizes() {
        for seed: UInt64 in 20...23 {
            runRandomSequence(seed: seed, steps: 5_000, maxEntries: 12, maxBytes: 200, keySpace: 30) { $0.hashValue }
        }
    }

    func testCapacityOneKeepsOnlyTheNewestEntry() {
        runRandomSequence(seed: 99, steps: 2_000, maxEntries: 1, maxBytes: nil, keySpace: 4) { $0 & 1 }
    }

    func testIdleEntriesAtTheTailLeaveAsTimeoutBeforeAnyLRUEviction() {
        var table = LRUTable<Int, Int>(maxEntries: 2, maxBytes: nil, idleTimeout: 100)
        var removed: [LRUTable<Int, Int>.Removed] = []
        table.insert(1, hash: 1, value: 1, bytes: 1, now: 0, removed: &removed)
        table.insert(2, hash: 2, value: 2, bytes: 1, now: 50, removed: &removed)
        table.insert(3, hash: 3, value: 3, bytes: 1, now: 101, removed: &removed)
        XCTAssertEqual(removed.map(\.key), [1])
        XCTAssertEqual(removed.map(\.reason), [.timeout])
        XCTAssertEqual(removed.map(\.idleNanoseconds), [101])
        table.insert(4, hash: 4, value: 4, bytes: 1, now: 102, removed: &removed)
        XCTAssertEqual(removed.map(\.reason), [.timeout, .lru])
        XCTAssertEqual(table.keysByRecency, [4, 3])
    }

    func testTimesReadOutOfOrderByRacingThreadsKeepRecencyTimesMonotonic() {
        var table = LRUTable<Int, Int>(maxEntries: 4, maxBytes: nil, idleTimeout: 100)
        var removed: [LRUTable<Int, Int>.Removed] = []
        table.insert(1, hash: 1, value: 1, bytes: 1, now: 50, removed: &removed)
        table.insert(2, hash: 2, value: 2, bytes: 1, now: 60, removed: &removed)
        // A thread that read the clock at 40 takes the lock after the one that read 60.
        guard case .hit = table.lookup(1, hash: 1, now: 40) else { return XCTFail("expected a hit") }
        table.insert(3, hash: 3, value: 3, bytes: 1, now: 55, removed: &removed)
        table.checkInvariants()
        XCTAssertEqual(table.keysByRecency, [3, 1, 2])
        // Entries 1 and 3 were dated 60 (the head's time), not 40 and 55.
        table.removeIdle(now: 160, into: &removed)
        XCTAssertEqual(removed.map(\.key), [])
        table.removeIdle(now: 161, into: &removed)
        XCTAssertEqual(removed.map(\.key), [2, 1, 3])
    }

    func testAnEntryIdleExactlyTheTimeoutIsStillServed() {
        var table = LRUTable<Int, Int>(maxEntries: 2, maxBytes: nil, idleTimeout: 100)
        var removed: [LRUTable<Int, Int>.Removed] = []
        table.insert(1, hash: 1, value: 7, bytes: 1, now: 0, removed: &removed)
        guard case .hit(7) = table.lookup(1, hash: 1, now: 100) else { return XCTFail("expected a hit at the timeout") }
        guard case .expired(let gone) = table.lookup(1, hash: 1, now: 201) else {
            return XCTFail("expected expiry past the timeout")
        }
        XCTAssertEqual(gone.reason, .timeout)
        XCTAssertEqual(table.count, 0)
    }
}
