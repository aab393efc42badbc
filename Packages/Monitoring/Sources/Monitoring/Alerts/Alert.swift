/// A firing alert, as the API lists it and the log records it.
///
/// JSON: `alert`, `subject`, `severity`, `value`, `threshold`, `message`, `since` (when it started firing,
/// ISO 8601 UTC with ms, like every instant of the API), `state` (`firing`, or `unknown` while its value cannot be
/// measured) and `stateChangedAt` (when it entered that state).
public struct Alert: Codable, Sendable, Equatable {
    /// The rule (`maxWaitingJobs`, …), the `alert` field of log lines.
    public var alert: AlertRule
    /// The queue, cache, `redis` or `process` it is about.
    public var subject: String
    /// How serious it is.
    public var severity: AlertSeverity
    /// The latest measured value, in the rule's unit.
    public var value: Double
    /// The threshold, same unit.
    public var threshold: Double
    /// What is wrong and what to look at.
    public var message: String
    /// When it started firing, ms since 1970 (JSON `since`, ISO 8601).
    public var sinceMs: Int64
    /// `firing`, or `unknown` while the value cannot be measured (JSON `state`).
    public var state: AlertState
    /// When it entered ``state``, ms since 1970 (JSON `stateChangedAt`, ISO 8601); `sinceMs` while firing.
    public var stateChangedAtMs: Int64

    /// Creates an alert; `state` defaults to `firing` since `sinceMs`.
    public init(
        alert: AlertRule, subject: String, severity: AlertSeverity, value: Double, threshold: Double, message: String,
        sinceMs: Int64, state: AlertState = .firing, stateChangedAtMs: Int64? = nil
    ) {
        self.alert = alert
        self.subject = subject
        self.severity = severity
        self.value = value
        self.threshold = threshold
        self.message = message
        self.sinceMs = sinceMs
        self.state = state
        self.stateChangedAtMs = stateChangedAtMs ?? sinceMs
    }

    /// Rule and subject.
    public var key: AlertKey { AlertKey(rule: alert, subject: subject) }
}

extension Alert {
    private enum CodingKeys: String, CodingKey {
        case alert, subject, severity, value, threshold, message, since, state, stateChangedAt
    }

    /// Reads the JSON of ``encode(to:)``; `state` and `stateChangedAt` may be absent (older servers: firing since `since`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let since = try container.decodeTimestamp(forKey: .since)
        self.init(
            alert: try container.decode(AlertRule.self, forKey: .alert),
            subject: try container.decode(String.self, forKey: .subject),
            severity: try container.decode(AlertSeverity.self, forKey: .severity),
            value: try container.decode(Double.self, forKey: .value),
            threshold: try container.decode(Double.self, forKey: .threshold),
            message: try container.decode(String.self, forKey: .message),
            sinceMs: since, state: try container.decodeIfPresent(AlertState.self, forKey: .state) ?? .firing,
            stateChangedAtMs: container.contains(.stateChangedAt)
                ? try container.decodeTimestamp(forKey: .stateChangedAt) : since)
    }

    /// Writes the fields with `since` in the spec's timestamp form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alert, forKey: .alert)
        try container.encode(subject, forKey: .subject)
        try container.encode(severity, forKey: .severity)
        try container.encode(value, forKey: .value)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(message, forKey: .message)
        try container.encodeTimestamp(sinceMs, forKey: .since)
        try container.encode(state, forKey: .state)
        try container.encodeTimestamp(stateChangedAtMs, forKey: .stateChangedAt)
    }
}
