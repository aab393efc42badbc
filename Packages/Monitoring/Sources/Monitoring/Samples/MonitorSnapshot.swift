/// Everything the queue monitor knows at one moment: the latest sample and history summary per queue,
/// Redis, the collection state and counters, and the firing alerts. A value; the API, the health model
/// and the Prometheus renderer read it.
public struct MonitorSnapshot: Sendable, Equatable {
    /// The queues monitored (configured or discovered), sorted.
    public var queues: [String]
    /// The latest sample per queue (from the last successful collection).
    public var latest: [String: QueueSample]
    /// Min/max/avg over the retained samples per queue.
    public var summaries: [String: HistorySummary]
    /// Redis at the last successful collection.
    public var redis: RedisStats?
    /// Why the last collection failed; nil when it succeeded (or none ran yet).
    public var lastError: String?
    /// When the last collection attempt finished, ms since 1970; nil before the first.
    public var lastAttemptMs: Int64?
    /// When the last successful collection finished, ms since 1970.
    public var lastSuccessMs: Int64?
    /// How long the last successful collection took, ms.
    public var lastDurationMs: Double?
    /// Collections attempted since start.
    public var collections: Int
    /// Collections that failed since start.
    public var failures: Int
    /// Firing queue and Redis alerts, most severe first.
    public var alerts: [Alert]

    /// Creates a snapshot; every parameter defaults to "nothing collected yet".
    public init(
        queues: [String] = [], latest: [String: QueueSample] = [:], summaries: [String: HistorySummary] = [:],
        redis: RedisStats? = nil, lastError: String? = nil, lastAttemptMs: Int64? = nil, lastSuccessMs: Int64? = nil,
        lastDurationMs: Double? = nil, collections: Int = 0, failures: Int = 0, alerts: [Alert] = []
    ) {
        self.queues = queues
        self.latest = latest
        self.summaries = summaries
        self.redis = redis
        self.lastError = lastError
        self.lastAttemptMs = lastAttemptMs
        self.lastSuccessMs = lastSuccessMs
        self.lastDurationMs = lastDurationMs
        self.collections = collections
        self.failures = failures
        self.alerts = alerts
    }

    /// The health model's view of it: failed (with the reason), pending, or collected.
    public var queuesState: HealthModel.QueuesState {
        let samples = queues.compactMap { latest[$0] }
        if let lastError { return .failed(reason: lastError, lastSamples: samples) }
        guard let redis, lastSuccessMs != nil else { return .pending }
        return .collected(samples: samples, redis: redis, alerts: alerts)
    }
}
