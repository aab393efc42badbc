/// A firing alert, as the API lists it and the log records it.
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
    /// When it started firing, ms since 1970.
    public var sinceMs: Int64

    /// Creates an alert.
    public init(
        alert: AlertRule, subject: String, severity: AlertSeverity, value: Double, threshold: Double, message: String,
        sinceMs: Int64
    ) {
        self.alert = alert
        self.subject = subject
        self.severity = severity
        self.value = value
        self.threshold = threshold
        self.message = message
        self.sinceMs = sinceMs
    }

    /// Rule and subject.
    public var key: AlertKey { AlertKey(rule: alert, subject: subject) }
}
