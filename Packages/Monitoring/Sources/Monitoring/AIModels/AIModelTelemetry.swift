import AIModelCache

/// AI-model telemetry with alert state: turns cache snapshots into ``AIModelsReport``s and logs each
/// cache alert once when it fires and once when it resolves.
///
/// Threading: an actor; call ``report(_:nowMs:)`` whenever the API is asked or on the monitor's interval.
public actor AIModelTelemetry {
    private let evaluator: ThresholdEvaluator
    private let sink: any AlertSink
    private var tracker = AlertTracker()
    private var lastReport: AIModelsReport?
    private let retention: Int
    private var history: [String: RingBuffer<CacheSample>] = [:]

    /// Creates the telemetry view.
    ///
    /// - Parameters:
    ///   - configuration: the cache alert thresholds and severities.
    ///   - sink: receives fire/resolve transitions (``LogAlertSink`` in the apps).
    public init(configuration: MonitoringConfiguration, sink: any AlertSink) {
        evaluator = ThresholdEvaluator(configuration: configuration)
        self.sink = sink
        retention = max(configuration.metricsRetention, 1)
    }

    /// Appends one ``CacheSample`` per cache of `report` to the cache history (`METRICS_RETENTION` samples per cache,
    /// the oldest dropped); the app calls it once per collection interval.
    public func recordSamples(of report: AIModelsReport, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) {
        for cache in [report.social, report.advertising] {
            history[cache.modelType, default: RingBuffer(capacity: retention)].append(
                CacheSample(cache, timestampMs: nowMs))
        }
    }

    /// The retained cache samples per cache name (`social`, `advertising`), oldest first; both names are present
    /// (empty before the first sample).
    public var cacheHistory: [String: [CacheSample]] {
        var samples = ["social": [CacheSample](), "advertising": []]
        for (name, ring) in history { samples[name] = ring.elements }
        return samples
    }

    /// Evaluates `input` at `nowMs` (ms since 1970), records transitions, and returns the report.
    ///
    /// - Parameters:
    ///   - memoryForAlert: what the per-process memory rule compares; default `input.memory`.
    ///   - instances: how many processes `input` combines (shown in the report).
    public func report(
        _ input: AIModelsInput, memoryForAlert: ProcessMemory? = nil, instances: Int = 1,
        nowMs: Int64 = MonitoringJSON.nowMilliseconds()
    ) -> AIModelsReport {
        let conditions =
            evaluator.conditions(for: input.social) + evaluator.conditions(for: input.advertising)
            + [evaluator.condition(for: memoryForAlert ?? input.memory)]
        for transition in tracker.update(conditions, now: nowMs) { sink.record(transition) }
        var report = AIModelsReport(input: input, alerts: tracker.active, nowMs: nowMs)
        report.instances = instances
        lastReport = report
        return report
    }

    /// The report of a fleet: `inputs` (per instance, as ``ModelTelemetryStore/readAll(maxKeysScanned:)``
    /// returns them) combined with ``AIModelsInput/fleet(_:evictionLimit:)``, the memory rule on the
    /// largest process. Nil when no instance published telemetry.
    public func fleetReport(
        _ inputs: [String: AIModelsInput], nowMs: Int64 = MonitoringJSON.nowMilliseconds()
    ) -> AIModelsReport? {
        let ordered = inputs.sorted { $0.key < $1.key }.map(\.value)
        guard let combined = AIModelsInput.fleet(ordered) else { return nil }
        return report(
            combined, memoryForAlert: AIModelsInput.largestProcessMemory(of: ordered), instances: ordered.count,
            nowMs: nowMs)
    }

    /// The last report produced, if any.
    public var latest: AIModelsReport? { lastReport }
}
