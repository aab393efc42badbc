/// Which store keeps a background-written log (the alert history, the audit log), its retention, and how its writer
/// is doing: the `historyStore` object of `/api/monitoring/alerts`, the `store` object of `/api/audit` and the
/// `maxbooster_alert_history_*` families of `/metrics`.
public struct StoreStatus: Codable, Sendable, Equatable {
    /// `postgresql` or `memory`.
    public var store: String
    /// Days entries are kept (`ALERT_HISTORY_DAYS`, `AUDIT_RETENTION_DAYS`).
    public var retentionDays: Int
    /// Entries waiting to be written (the store is slow or unreachable).
    public var backlog: Int
    /// Entries dropped because the buffer was full, since start.
    public var dropped: Int
    /// Entries written, since start.
    public var written: Int
    /// Why the last write failed, while writes fail; nil when the last one succeeded.
    public var lastError: String?

    /// Creates a status.
    public init(
        store: String, retentionDays: Int, backlog: Int = 0, dropped: Int = 0, written: Int = 0,
        lastError: String? = nil
    ) {
        self.store = store
        self.retentionDays = retentionDays
        self.backlog = backlog
        self.dropped = dropped
        self.written = written
        self.lastError = lastError
    }

    /// The status of a store of `kind` kept `retention`, with a writer's `counters`.
    public init<Entry>(kind: String, retention: Duration, _ counters: BackgroundWriter<Entry>.Counters) {
        self.init(
            store: kind, retentionDays: Int(retention.components.seconds / 86_400), backlog: counters.backlog,
            dropped: counters.dropped, written: counters.written, lastError: counters.lastError)
    }
}

/// The alert history's ``StoreStatus``.
public typealias AlertHistoryStatus = StoreStatus
