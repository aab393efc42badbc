/// The settings of one alert rule in `MONITORING_CONFIG` (`rules.<rule>` and per queue `queues.<name>.rules.<rule>`);
/// every field is optional, an unset one falls back to the next level (queue → rule → ``AlertProfile`` → default).
///
/// Thresholds are in the unit of the alert's `value` and `threshold` (jobs, a failed ratio 0–1, ms, percent, MB) and
/// are written in the syntax of the rule's threshold setting (`5%`, `50ms`, `0.8`).
public struct AlertRuleSettings: Sendable, Equatable {
    /// The firing threshold; only in per-queue overrides (the rule-wide one is the threshold setting, e.g.
    /// `MAX_WAITING_JOBS`, which `rules.<rule>.threshold` sets).
    public var threshold: Double?
    /// The resolve threshold (hysteresis). Default: the firing threshold.
    public var resolve: Double?
    /// How long the condition must hold before the alert fires (`for`). Default 0: at once. For `noWorkers` this is
    /// `NO_WORKER_ALERT_MS` rule-wide.
    public var forDuration: Duration?
    /// How long a resolved alert stays quiet before it may fire again (`cooldown`). Default 0.
    public var cooldown: Duration?
    /// How often a firing alert is re-notified (`repeat`). Default none: once.
    public var repeatInterval: Duration?
    /// The severity; only in per-queue overrides (rule-wide: `severities` or `rules.<rule>.severity`).
    public var severity: AlertSeverity?

    /// Creates settings; nil leaves a field to the next level.
    public init(
        threshold: Double? = nil, resolve: Double? = nil, forDuration: Duration? = nil, cooldown: Duration? = nil,
        repeatInterval: Duration? = nil, severity: AlertSeverity? = nil
    ) {
        self.threshold = threshold
        self.resolve = resolve
        self.forDuration = forDuration
        self.cooldown = cooldown
        self.repeatInterval = repeatInterval
        self.severity = severity
    }

    /// These settings, with the fields they leave unset taken from `base`.
    public func merged(over base: AlertRuleSettings?) -> AlertRuleSettings {
        guard let base else { return self }
        return AlertRuleSettings(
            threshold: threshold ?? base.threshold, resolve: resolve ?? base.resolve,
            forDuration: forDuration ?? base.forDuration, cooldown: cooldown ?? base.cooldown,
            repeatInterval: repeatInterval ?? base.repeatInterval, severity: severity ?? base.severity)
    }
}
