import Synchronization

/// The alert history in memory, when no database is configured: lost on restart, bounded by a retention and by a
/// count (the oldest entries are dropped first).
///
/// Thread-safe (a `Mutex`); every call returns at once.
public final class MemoryAlertHistoryStore: AlertHistoryStore {
    /// `memory`.
    public let kind = "memory"
    /// How long entries are kept.
    public let retention: Duration
    /// The most entries kept.
    public let capacity: Int
    private let now: @Sendable () -> Int64
    /// Oldest first.
    private let storage = Mutex<[AlertHistoryEntry]>([])

    /// Creates an empty store.
    ///
    /// - Parameters:
    ///   - retention: entries older than this are dropped (on every append and query).
    ///   - capacity: the most entries kept; default 10,000.
    ///   - now: the clock, ms since 1970 (injectable for tests).
    public init(
        retention: Duration, capacity: Int = 10_000,
        now: @escaping @Sendable () -> Int64 = { MonitoringJSON.nowMilliseconds() }
    ) {
        self.retention = retention
        self.capacity = max(capacity, 1)
        self.now = now
    }

    /// Appends `entries` and drops what is too old or beyond the capacity.
    public func append(_ entries: [AlertHistoryEntry]) async throws {
        let cutoff = cutoff(nowMs: now())
        storage.withLock { stored in
            stored.append(contentsOf: entries)
            stored.removeAll { $0.timeMs < cutoff }
            if stored.count > capacity { stored.removeFirst(stored.count - capacity) }
        }
    }

    /// The entries matching `query` and inside the retention, newest first.
    public func entries(matching query: AlertHistoryQuery) async throws -> [AlertHistoryEntry] {
        let cutoff = cutoff(nowMs: now())
        return storage.withLock { stored in
            Array(stored.reversed().lazy.filter { $0.timeMs >= cutoff && query.matches($0) }.prefix(query.limit))
        }
    }

    /// Drops the entries observed before `nowMs` minus the retention.
    @discardableResult
    public func deleteExpired(nowMs: Int64) async throws -> Int {
        let cutoff = cutoff(nowMs: nowMs)
        return storage.withLock { stored in
            let before = stored.count
            stored.removeAll { $0.timeMs < cutoff }
            return before - stored.count
        }
    }

    /// How many entries are kept now.
    public var count: Int { storage.withLock { $0.count } }
}
