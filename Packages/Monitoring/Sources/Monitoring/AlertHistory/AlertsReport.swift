/// The body of `GET /api/monitoring/alerts`: the alerts active now and the history entries of the window.
///
/// JSON: `timestamp` (now), `since` (the window's start), `active` (``Alert``s, most severe first), `history`
/// (``AlertHistoryEntry``s, newest first) and `historyStore` (``AlertHistoryStatus``: which store, its retention,
/// the writer's backlog and drops).
public struct AlertsReport: Codable, Sendable, Equatable {
    /// When the report was made, ms since 1970 (JSON `timestamp`, ISO 8601).
    public var timestampMs: Int64
    /// The start of the history window, ms since 1970 (JSON `since`, ISO 8601).
    public var sinceMs: Int64
    /// The queue, Redis and cache alerts active now (state `firing`, or `unknown` while unmeasurable) that pass the
    /// filters.
    public var active: [Alert]
    /// The transitions in the window that pass the filters, newest first.
    public var history: [AlertHistoryEntry]
    /// The store serving ``history``.
    public var historyStore: AlertHistoryStatus

    /// Creates a report.
    public init(
        timestampMs: Int64, sinceMs: Int64, active: [Alert], history: [AlertHistoryEntry],
        historyStore: AlertHistoryStatus
    ) {
        self.timestampMs = timestampMs
        self.sinceMs = sinceMs
        self.active = active
        self.history = history
        self.historyStore = historyStore
    }

    /// The report of `active` and `history` filtered by `query` (its state and subject apply to both).
    public init(
        query: AlertHistoryQuery, active: [Alert], history: [AlertHistoryEntry], historyStore: AlertHistoryStatus,
        nowMs: Int64
    ) {
        self.init(
            timestampMs: nowMs, sinceMs: query.sinceMs,
            active: active.filter { alert in
                (query.state.map { $0 == alert.state } ?? true) && (query.subject.map { $0 == alert.subject } ?? true)
            }, history: history, historyStore: historyStore)
    }
}

extension AlertsReport {
    private enum CodingKeys: String, CodingKey {
        case timestamp, since, active, history, historyStore
    }

    /// Reads the JSON of ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            timestampMs: try container.decodeTimestamp(forKey: .timestamp),
            sinceMs: try container.decodeTimestamp(forKey: .since),
            active: try container.decode([Alert].self, forKey: .active),
            history: try container.decode([AlertHistoryEntry].self, forKey: .history),
            historyStore: try container.decode(AlertHistoryStatus.self, forKey: .historyStore))
    }

    /// Writes the fields with the instants in the spec's timestamp form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(timestampMs, forKey: .timestamp)
        try container.encodeTimestamp(sinceMs, forKey: .since)
        try container.encode(active, forKey: .active)
        try container.encode(history, forKey: .history)
        try container.encode(historyStore, forKey: .historyStore)
    }
}
