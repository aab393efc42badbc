/// The audit log in memory, when no database is configured: lost on restart, bounded by the retention and by a
/// count (the oldest dropped first). Thread-safe; every call returns at once.
public final class MemoryAuditStore: AuditStore {
    /// `memory`.
    public let kind = "memory"
    private let stored: RetainedEntries<AuditEntry>

    /// An empty store keeping entries `retention` and at most `capacity` of them (default 10,000); `now` is the clock,
    /// ms since 1970.
    public init(
        retention: Duration, capacity: Int = 10_000,
        now: @escaping @Sendable () -> Int64 = { MonitoringJSON.nowMilliseconds() }
    ) {
        stored = RetainedEntries(retention: retention, capacity: capacity, now: now, time: \.timestampMs)
    }

    /// How long entries are kept.
    public var retention: Duration { stored.retention }

    /// Appends `entries`, dropping what is too old or beyond the capacity.
    public func append(_ entries: [AuditEntry]) async throws { stored.append(entries) }

    /// At most `limit` entries at or after `sinceMs`, newest first.
    public func entries(sinceMs: Int64, limit: Int) async throws -> [AuditEntry] {
        stored.newest(limit: limit) { $0.timestampMs >= sinceMs }
    }

    /// Drops the entries older than `nowMs` minus the retention.
    @discardableResult
    public func deleteExpired(nowMs: Int64) async throws -> Int { stored.deleteExpired(nowMs: nowMs) }

    /// How many entries are kept now.
    public var count: Int { stored.count }
}
