/// The alert history in memory, when no database is configured: lost on restart, bounded by a retention and by a
/// count (the oldest entries are dropped first).
///
/// Thread-safe; every call returns at once.
public final class MemoryAlertHistoryStore: AlertHistoryStore {
    /// `memory`.
    public let kind = "memory"
    private let entries: RetainedEntries<AlertHistoryEntry>

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
        entries = RetainedEntries(retention: retention, capacity: capacity, now: now, time: \.timeMs)
    }

    /// How long entries are kept.
    public var retention: Duration { entries.retention }
    /// The most entries kept.
    public var capacity: Int { entries.capacity }

    /// Appends `entries` and drops what is too old or beyond the capacity.
    public func append(_ entries: [AlertHistoryEntry]) async throws { self.entries.append(entries) }

    /// The entries matching `query` and inside the retention, newest first.
    public func entries(matching query: AlertHistoryQuery) async throws -> [AlertHistoryEntry] {
        entries.newest(limit: query.limit, where: query.matches)
    }

    /// Drops the entries observed before `nowMs` minus the retention.
    @discardableResult
    public func deleteExpired(nowMs: Int64) async throws -> Int { entries.deleteExpired(nowMs: nowMs) }

    /// How many entries are kept now.
    public var count: Int { entries.count }
}
