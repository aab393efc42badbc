/// The alert rules monitoring evaluates; the raw value is the spec's threshold key and the `alert` field
/// of every log line and API alert.
public enum AlertRule: String, Codable, Sendable, CaseIterable {
    /// Waiting + prioritized jobs above `maxWaitingJobs` (per queue).
    case maxWaitingJobs
    /// failed ÷ (completed + failed) over the window above `maxFailedRate`, once enough jobs finished (per queue).
    case maxFailedRate
    /// Active jobs whose lock is gone above `maxStalledJobs` (per queue).
    case maxStalledJobs
    /// Ready jobs (waiting + prioritized, queue not paused) and no worker for longer than `NO_WORKER_ALERT_MS`
    /// (per queue).
    case noWorkers
    /// Median PING round trip above `maxRedisLatency` (per Redis).
    case maxRedisLatency
    /// A model cache's utilisation above `AI_CACHE_UTILIZATION_ALERT` (per cache).
    case cacheUtilization
    /// A model cache's hit rate below `AI_CACHE_MIN_HIT_RATE` after `AI_CACHE_MIN_LOADS` loads (per cache).
    case cacheHitRate
    /// The process's estimated memory above `AI_MEMORY_ALERT_MB`.
    case cacheMemory

    /// The severity docs/architecture.md gives the rule: `warning`, except cache memory (`critical`) and cache
    /// utilisation (`info`).
    public var defaultSeverity: AlertSeverity {
        switch self {
        case .maxWaitingJobs, .maxFailedRate, .maxStalledJobs, .noWorkers, .maxRedisLatency, .cacheHitRate: .warning
        case .cacheMemory: .critical
        case .cacheUtilization: .info
        }
    }
}
