/// Where monitoring-api keeps a log it writes in the background (the alert history, the audit log) and for how long.
public struct StoreSettings: Sendable, Equatable {
    /// The most days ``retentionDays`` accepts (ten years).
    public static let maxRetentionDays = 3650

    /// Days an entry is kept, 1...3650: `ALERT_HISTORY_DAYS` (default 30) or `AUDIT_RETENTION_DAYS` (default 90).
    public var retentionDays: Int
    /// The PostgreSQL that keeps the log: `DATABASE_URL` when it is set (flag, variable or file), else nil and the log
    /// is kept in memory. Default nil.
    public var databaseURL: String?

    /// Creates settings.
    public init(retentionDays: Int, databaseURL: String? = nil) {
        self.retentionDays = retentionDays
        self.databaseURL = databaseURL
    }

    /// ``retentionDays`` as a duration.
    public var retention: Duration { .seconds(Int64(retentionDays) * 86_400) }
}

/// Where alert transitions are kept (``AlertHistoryEntry``; `ALERT_HISTORY_DAYS`, default 30).
public typealias AlertHistorySettings = StoreSettings
/// Where admin actions are audited (``AuditEntry``; `AUDIT_RETENTION_DAYS`, default 90).
public typealias AuditSettings = StoreSettings
