/// An ``AlertSink`` that writes each transition as one JSON line through a ``StructuredLogger``: event `alert.fired`,
/// `alert.repeated` (a reminder while firing) or `alert.resolved`, fields
/// `{"time","level","event","alert","queue"|"cache"|"subject","value","threshold","severity","message","since"}`
/// (`since`: when it started firing, ISO 8601).
///
/// Level: a fired or repeated `critical` alert logs at `error`, other transitions of `warning` or `critical` alerts at
/// `warning`, `info` alerts at `info`.
public struct LogAlertSink: AlertSink {
    /// The logger lines go to.
    public let logger: StructuredLogger

    /// Creates a sink writing through `logger`.
    public init(logger: StructuredLogger) {
        self.logger = logger
    }

    /// Writes `transition` as one line.
    public func record(_ transition: AlertTransition) {
        let alert = transition.alert
        let level: LogLevel =
            switch (transition.kind, alert.severity) {
            case (.fired, .critical), (.repeated, .critical): .error
            case (_, .info): .info
            default: .warning
            }
        // Queue rules name the queue in `queue`; the others name their subject (redis, a cache, process).
        let subjectField = alert.alert.isQueueRule ? "queue" : (alert.alert.isCacheRule ? "cache" : "subject")
        logger.log(
            level, "alert.\(transition.kind.rawValue)", timeMs: transition.timeMs,
            [
                ("alert", .string(alert.alert.rawValue)), (subjectField, .string(alert.subject)),
                ("value", .number(alert.value)), ("threshold", .number(alert.threshold)),
                ("severity", .string(alert.severity.rawValue)), ("message", .string(alert.message)),
                ("since", .string(MonitoringJSON.timestamp(milliseconds: alert.sinceMs))),
            ])
    }
}

extension AlertRule {
    /// The rule is evaluated per queue.
    public var isQueueRule: Bool {
        self == .maxWaitingJobs || self == .maxFailedRate || self == .maxStalledJobs || self == .noWorkers
    }
    /// The rule is evaluated per model cache.
    public var isCacheRule: Bool { self == .cacheUtilization || self == .cacheHitRate }
}
