/// Which store serves the alert history, its retention, and how the background writer is doing: the
/// `historyStore` object of `/api/monitoring/alerts` and the `maxbooster_alert_history_*` families of `/metrics`.
public struct AlertHistoryStatus: Codable, Sendable, Equatable {
    /// `postgresql` or `memory`.
    public var store: String
    /// Days entries are kept (`ALERT_HISTORY_DAYS`).
    public var retentionDays: Int
    /// Transitions waiting to be written (the store is slow or unreachable).
    public var backlog: Int
    /// Transitions dropped because the buffer was full, since start.
    public var dropped: Int
    /// Transitions written, since start.
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
}
