/// One stored alert transition: the alert as it stood (value, threshold, severity, message, firing start), which way
/// it went, when, and its labels.
///
/// JSON: the ``Alert`` fields (`alert`, `subject`, `severity`, `value`, `threshold`, `message`, `since`, `state`
/// after the transition, `stateChangedAt`) plus `kind` (`fired`, `repeated`, `resolved`), `time` (when it was
/// observed, ISO 8601 UTC with ms like every instant of the API) and `labels` (`queue` or `cache` for those rules,
/// else `subject`).
public struct AlertHistoryEntry: Codable, Sendable, Equatable {
    /// Which way it went.
    public var kind: AlertTransition.Kind
    /// The alert at the transition; `state` is the one it left the key in (`firing`, or `resolved`).
    public var alert: Alert
    /// When the transition was observed, ms since 1970 (JSON `time`).
    public var timeMs: Int64
    /// Labels for filtering and delivery: `queue` or `cache` naming the subject of those rules, else `subject`.
    public var labels: [String: String]

    /// Creates an entry; `alert.state` is set from `kind` (`resolved` since `timeMs`, else `firing`).
    public init(kind: AlertTransition.Kind, alert: Alert, timeMs: Int64, labels: [String: String]) {
        self.kind = kind
        self.alert = alert
        self.timeMs = timeMs
        self.labels = labels
        if kind == .resolved {
            self.alert.state = .resolved
            self.alert.stateChangedAtMs = timeMs
        }
    }

    /// The entry of `transition`, labelled like the log line of ``LogAlertSink``.
    public init(_ transition: AlertTransition) {
        let alert = transition.alert
        let label = alert.alert.isQueueRule ? "queue" : (alert.alert.isCacheRule ? "cache" : "subject")
        self.init(kind: transition.kind, alert: alert, timeMs: transition.timeMs, labels: [label: alert.subject])
    }

    /// The subject (queue, cache, `redis`, `process`).
    public var subject: String { alert.subject }

    /// The alert state the transition left the key in: `firing` after `fired` and `repeated`, else `resolved`.
    public var state: AlertState { kind == .resolved ? .resolved : .firing }
}

extension AlertHistoryEntry {
    private enum CodingKeys: String, CodingKey {
        case kind, time, labels
    }

    /// Reads the JSON of ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(AlertTransition.Kind.self, forKey: .kind), alert: try Alert(from: decoder),
            timeMs: try container.decodeTimestamp(forKey: .time),
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:])
    }

    /// Writes the alert's fields and `kind`, `time` and `labels` in one object.
    public func encode(to encoder: any Encoder) throws {
        try alert.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeTimestamp(timeMs, forKey: .time)
        try container.encode(labels, forKey: .labels)
    }
}
