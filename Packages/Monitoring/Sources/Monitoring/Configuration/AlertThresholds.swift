/// The queue and Redis thresholds (the spec's keys), compared as docs/architecture.md's "Threshold semantics" says.
public struct AlertThresholds: Sendable, Equatable, Codable {
    /// Alert when waiting + prioritized jobs of a queue exceed this (`MAX_WAITING_JOBS`). Default 1000.
    public var maxWaitingJobs: Int
    /// Alert when failed ÷ (completed + failed) over the window exceeds this ratio 0–1 (`MAX_FAILED_RATE`). Default 0.1.
    public var maxFailedRate: Double
    /// Alert when a queue's active jobs without a lock exceed this (`MAX_STALLED_JOBS`). Default 10.
    public var maxStalledJobs: Int
    /// Alert when the median PING round trip exceeds this (`MAX_REDIS_LATENCY_MS`). Default 100 ms.
    public var maxRedisLatency: Duration
    /// The failed-rate rule applies only once this many jobs finished in the window (`MIN_FINISHED_FOR_RATE`). Default 20.
    public var minFinishedForRate: Int
    /// Alert when a queue has had ready jobs (waiting + prioritized, not paused) and no worker continuously for
    /// this long (`NO_WORKER_ALERT_MS`). Default 60 s.
    public var noWorkerAlert: Duration

    /// Creates thresholds; every parameter defaults to the documented value.
    public init(
        maxWaitingJobs: Int = 1000, maxFailedRate: Double = 0.1, maxStalledJobs: Int = 10,
        maxRedisLatency: Duration = .milliseconds(100), minFinishedForRate: Int = 20,
        noWorkerAlert: Duration = .seconds(60)
    ) {
        self.maxWaitingJobs = maxWaitingJobs
        self.maxFailedRate = maxFailedRate
        self.maxStalledJobs = maxStalledJobs
        self.maxRedisLatency = maxRedisLatency
        self.minFinishedForRate = minFinishedForRate
        self.noWorkerAlert = noWorkerAlert
    }
}
