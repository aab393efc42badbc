/// AI-model telemetry with alert state: turns cache snapshots into ``AIModelsReport``s and logs each
/// cache alert once when it fires and once when it resolves.
///
/// Threading: an actor; call ``report(_:nowMs:)`` whenever the API is asked or on the monitor's interval.
public actor AIModelTelemetry {
    private let evaluator: ThresholdEvaluator
    private let sink: any AlertSink
    private var tracker = AlertTracker()
    private var lastReport: AIModelsReport?

    /// Creates the telemetry view.
    ///
    /// - Parameters:
    ///   - configuration: the cache alert thresholds and severities.
    ///   - sink: receives fire/resolve transitions (``LogAlertSink`` in the apps).
    public init(configuration: MonitoringConfiguration, sink: any AlertSink) {
        evaluator = ThresholdEvaluator(configuration: configuration)
        self.sink = sink
    }

    /// Evaluates `input` at `nowMs` (ms since 1970), records transitions, and returns the report.
    public func report(_ input: AIModelsInput, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) -> AIModelsReport {
        let conditions =
            evaluator.conditions(for: input.social) + evaluator.conditions(for: input.advertising)
            + [evaluator.condition(for: input.memory)]
        for transition in tracker.update(conditions, now: nowMs) { sink.record(transition) }
        let report = AIModelsReport(input: input, alerts: tracker.active, nowMs: nowMs)
        lastReport = report
        return report
    }

    /// The last report produced, if any.
    public var latest: AIModelsReport? { lastReport }
}
