/// Where monitoring-api keeps alert transitions (``AlertHistoryEntry``) and for how long.
public struct AlertHistorySettings: Sendable, Equatable {
    /// The most days ``retentionDays`` accepts (ten years).
    public static let maxRetentionDays = 3650

    /// Days a transition is kept (`ALERT_HISTORY_DAYS`), 1...3650. Default 30.
    public var retentionDays: Int
    /// The PostgreSQL that keeps the history: `DATABASE_URL` when it is set (flag, variable or file), else nil and
    /// the history is kept in memory. Default nil.
    public var databaseURL: String?

    /// Creates settings; every parameter defaults to the documented value.
    public init(retentionDays: Int = 30, databaseURL: String? = nil) {
        self.retentionDays = retentionDays
        self.databaseURL = databaseURL
    }

    /// ``retentionDays`` as a duration.
    public var retention: Duration { .seconds(Int64(retentionDays) * 86_400) }
}
