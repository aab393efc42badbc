import Foundation

/// A bounded, thread-safe cache of per-user models: least-recently-used and idle eviction, single-flight
/// loads, telemetry and an eviction log.
///
/// Threading: every method may be called from any thread or task. State lives behind one `Mutex`; the
/// key's hash and the clock are read before taking it, and nothing inside it blocks, allocates on a hit,
/// or calls out (loaders, the eviction sink and log formatting run outside the lock). A hit
/// (``cachedModel(for:)``, or ``model(for:load:)`` when cached) needs no actor hop and allocates nothing.
///
/// Bounds (`maxEntries`, optional `maxBytes`) hold whenever a call returns. An entry idle longer than the
/// idle timeout is never served, even before ``sweepIdle()`` removes it.
public final class ModelCache<Key: Hashable & Sendable, Model: CacheableModel>: Sendable {
    /// What a request that found a load in flight is resumed with.
    @usableFromInline
    enum Joined: Sendable {
        /// The shared load's model (or, after a race, the cached one).
        case model(Model)
        /// The load ended before this request could join and nothing is cached: lead a new one.
        case lead(loadID: UInt64)
    }

    @usableFromInline
    struct State {
        @usableFromInline var table: LRUTable<Key, Model>
        @usableFromInline var statistics = CacheStatistics()
        /// The load whose result will be cached, per key. `evict` removes the key (detaching the load).
        @usableFromInline var inFlight: [Key: UInt64] = [:]
        /// The requests waiting for each running load, by load id; detached loads keep their waiters.
        @usableFromInline var waiters: [UInt64: [CheckedContinuation<Joined, any Error>]] = [:]
        @usableFromInline var nextLoadID: UInt64 = 0
        var sweeper: Task<Void, Never>?

        init(table: LRUTable<Key, Model>) { self.table = table }
    }

    /// The settings this cache was created with.
    public let configuration: Configuration
    /// The last evictions (``Configuration/evictionLogCapacity`` of them).
    public let evictionLog: EvictionLog
    @usableFromInline let clock: any CacheClock
    @usableFromInline let evictionSink: EvictionSink?
    @usableFromInline let state: StateLock<State>

    /// Creates an empty cache.
    ///
    /// - Parameters:
    ///   - configuration: bounds and timeouts; validated here.
    ///   - clock: the time source; ``SystemCacheClock`` unless testing.
    ///   - evictionSink: called once per eviction, after the lock is released, on the evicting caller's
    ///     thread; must be quick and must not call back into this cache synchronously.
    /// - Throws: ``ModelCacheError/Code/invalidConfiguration``.
    public init(
        configuration: Configuration, clock: any CacheClock = SystemCacheClock(), evictionSink: EvictionSink? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.clock = clock
        self.evictionSink = evictionSink
        self.evictionLog = EvictionLog(capacity: configuration.evictionLogCapacity)
        self.state = StateLock(
            State(
                table: LRUTable(
                    maxEntries: configuration.maxEntries, maxBytes: configuration.maxBytes,
                    idleTimeout: configuration.idleTimeout.nanosecondsClamped)))
    }

    deinit {
        state.withLock { $0.sweeper?.cancel() }
    }

    /// The number of entries held now (idle ones included until swept or looked up).
    public var count: Int { state.withLock { $0.table.count } }

    /// The sum of the held models' `estimatedBytes`.
    public var estimatedBytes: Int { state.withLock { $0.table.totalBytes } }

    /// The cached model for `key`, or `nil` when absent or idle-expired (which removes it, reason
    /// `timeout`). Counts a hit or a miss. Never loads; see ``model(for:load:)``. O(1); allocates nothing
    /// on a hit. Inlinable so callers get a version specialised for their key and model types.
    @inlinable
    public func cachedModel(for key: Key) -> Model? {
        let hash = key.hashValue
        let now = clock.now()
        let outcome = state.withLock { state -> LRUTable<Key, Model>.Lookup in
            let outcome = state.table.lookup(key, hash: hash, now: now)
            switch outcome {
            case .hit: state.statistics.hits += 1
            case .expired:
                state.statistics.misses += 1
                state.statistics.recordEviction(.timeout)
            case .miss: state.statistics.misses += 1
            }
            return outcome
        }
        switch outcome {
        case .hit(let model): return model
        case .expired(let removed):
            publish(CollectionOfOne(removed))
            return nil
        case .miss: return nil
        }
    }

    /// Removes `key` (reason `manual`) and detaches any load in flight for it, so that load's result is
    /// not cached (its waiters still receive it). Returns whether an entry was removed.
    @discardableResult
    public func evict(_ key: Key) -> Bool {
        let hash = key.hashValue
        let now = clock.now()
        let removed = state.withLock { state -> LRUTable<Key, Model>.Removed? in
            state.inFlight[key] = nil
            let removed = state.table.remove(key, hash: hash, now: now)
            if removed != nil { state.statistics.recordEviction(.manual) }
            return removed
        }
        guard let removed else { return false }
        publish(CollectionOfOne(removed))
        return true
    }

    /// Removes every entry (reason `manual`) and detaches every load in flight, whose results are then
    /// not cached. Returns how many entries were removed.
    @discardableResult
    public func evictAll() -> Int {
        let now = clock.now()
        var removed: [LRUTable<Key, Model>.Removed] = []
        state.withLock { state in
            state.inFlight.removeAll()
            state.table.removeAll(now: now, into: &removed)
            state.statistics.evictionsManual += UInt64(removed.count)
        }
        publish(removed)
        return removed.count
    }

    /// Removes every entry idle longer than the idle timeout at the clock's current reading (reason
    /// `timeout`). Returns how many were removed. O(entries removed).
    @discardableResult
    public func sweepIdle() -> Int { sweepIdle(now: clock.now()) }

    /// Removes every entry idle longer than the idle timeout at `now` (nanoseconds on this cache's clock;
    /// reason `timeout`). Returns how many were removed. O(entries removed).
    @discardableResult
    public func sweepIdle(now: UInt64) -> Int {
        var removed: [LRUTable<Key, Model>.Removed] = []
        state.withLock { state in
            state.table.removeIdle(now: now, into: &removed)
            state.statistics.evictionsTimeout += UInt64(removed.count)
        }
        publish(removed)
        return removed.count
    }

    /// Records evictions in the log and passes them to the sink. Runs outside the cache lock; the removed
    /// models are released when the caller's array goes away.
    @inlinable
    func publish(_ removed: some Collection<LRUTable<Key, Model>.Removed>) {
        guard !removed.isEmpty else { return }
        let timestamp = clock.wallTime()
        let records = removed.map {
            EvictionRecord(
                userId: ($0.key as? String) ?? String(describing: $0.key), modelType: configuration.name,
                reason: $0.reason,
                idleTimeMs: Double($0.idleNanoseconds) / 1e6, timestamp: timestamp)
        }
        evictionLog.append(contentsOf: records)
        if let evictionSink { records.forEach(evictionSink) }
    }

    /// Checks the storage invariants (traps on violation); for tests.
    func checkInvariants() {
        state.withLock { $0.table.checkInvariants() }
    }
}
