import Foundation
import Synchronization
import XCTest

@testable import AIModelCache

/// A model with a chosen size; a class so tests can hold weak references to it.
final class TestModel: CacheableModel {
    let name: String
    let estimatedBytes: Int

    init(_ name: String, bytes: Int = 1) {
        self.name = name
        self.estimatedBytes = bytes
    }
}

/// A deterministic generator (SplitMix64) so randomised tests replay from their seed. AIModelCache depends on
/// `Essentials` only (QueueCoreTestSupport would bring Autopilot and libpq), so it keeps this one small copy; packages that depend on QueueCore use Autopilot's
/// `SeededGenerator` (the same algorithm) through QueueCoreTestSupport.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A thread-safe counter per key, for counting loads.
final class LoadCounter: Sendable {
    private let counts = StateLock<[String: Int]>([:])

    func increment(_ key: String) { counts.withLock { $0[key, default: 0] += 1 } }
    func count(_ key: String) -> Int { counts.withLock { $0[key, default: 0] } }
    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
    var keys: Int { counts.withLock { $0.count } }
}

/// Collects eviction records passed to a sink.
final class RecordingSink: Sendable {
    private let records = StateLock<[EvictionRecord]>([])

    var sink: @Sendable (EvictionRecord) -> Void { { record in self.records.withLock { $0.append(record) } } }
    var all: [EvictionRecord] { records.withLock { $0 } }
}

struct TestFailure: Error, Equatable {
    let attempt: Int
}

/// Polls `condition` every millisecond until it holds or `timeout` passes; returns whether it held. A local
/// copy of QueueCoreTestSupport's `eventually`, which this package does not depend on (it brings Autopilot and libpq).
func eventually(timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return condition()
}

/// The model for `key` with a timeout around the whole call, so a hung load fails the test instead of CI.
func withTimeout<T: Sendable>(
    _ timeout: Duration = .seconds(30), _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw CancellationError()
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}

/// A shared atomic integer that closures can capture.
final class SharedCounter: Sendable {
    private let value = Atomic<Int>(0)

    @discardableResult
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue }
    var current: Int { value.load(ordering: .relaxed) }
}

/// A shared atomic flag that closures can capture.
final class SharedFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
