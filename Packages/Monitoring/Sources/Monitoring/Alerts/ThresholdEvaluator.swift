import AIModelCache
import Essentials

/// Compares samples with the thresholds exactly as docs/architecture.md's "Threshold semantics" says. Pure.
/// The one place every rule is evaluated, the cache rules included (AIModelCache reports figures only).
///
/// - `maxWaitingJobs`: waiting + prioritized > threshold.
/// - `maxStalledJobs`: active jobs without a lock > threshold.
/// - `maxFailedRate`: failed ÷ (completed + failed) over the window > threshold, only once at least
///   `MIN_FINISHED_FOR_RATE` jobs finished in it (fewer: not crossed).
/// - `noWorkers`: ready jobs and no worker continuously for at least `NO_WORKER_ALERT_MS` (not on a paused queue).
/// - `maxRedisLatency`: median PING round trip (ms) > threshold.
/// - cache utilisation > ratio (`info`), hit rate < ratio after `AI_CACHE_MIN_LOADS` loads, process memory > MB.
public struct ThresholdEvaluator: Sendable {
    /// The configuration the thresholds and severities come from.
    public var configuration: MonitoringConfiguration

    /// Creates an evaluator.
    public init(configuration: MonitoringConfiguration) {
        self.configuration = configuration
    }

    /// The three queue rules for one sample (always three conditions, crossed or not).
    public func conditions(for sample: QueueSample) -> [AlertCondition] {
        let thresholds = configuration.thresholds
        let queue = sample.queue
        let ready = sample.counts.ready
        var conditions = [
            condition(
                .maxWaitingJobs, queue, value: Double(ready), threshold: Double(thresholds.maxWaitingJobs),
                crossed: ready > thresholds.maxWaitingJobs,
                message:
                    "queue \(queue) has \(ready) jobs waiting (waiting + prioritized), above \(thresholds.maxWaitingJobs): "
                    + "add workers or check that they are running"),
            condition(
                .maxStalledJobs, queue, value: Double(sample.stalled), threshold: Double(thresholds.maxStalledJobs),
                crossed: sample.stalled > thresholds.maxStalledJobs,
                message: "queue \(queue) has \(sample.stalled) active jobs whose lock is gone, above "
                    + "\(thresholds.maxStalledJobs): workers died or are CPU-blocked; the stalled check will requeue them"
            ),
        ]
        let finished = sample.window.finished ?? 0
        let rate = sample.failedRate ?? 0
        let enough = finished >= thresholds.minFinishedForRate
        conditions.append(
            condition(
                .maxFailedRate, queue, value: rate, threshold: thresholds.maxFailedRate,
                crossed: enough && rate > thresholds.maxFailedRate,
                message: "queue \(queue) failed \(percent(rate)) of \(finished) jobs finished in the window, above "
                    + "\(percent(thresholds.maxFailedRate))"
                    + (enough
                        ? ": look at the failed jobs' reasons"
                        : " (fewer than \(thresholds.minFinishedForRate) finished: not judged)")))
        return conditions
    }

    /// The `noWorkers` rule for one sample, given how long (ms) the queue has had ready jobs and no worker
    /// (``NoWorkerTimer``; nil when it has not). Nil when the sample's workers are unknown: a list Redis refused
    /// proves nothing either way, so the rule keeps its state.
    public func noWorkersCondition(for sample: QueueSample, waitingWithoutWorkersMs: Int64?) -> AlertCondition? {
        guard sample.workers.isKnown else { return nil }
        let limit = configuration.thresholds.noWorkerAlert.wholeMilliseconds
        let elapsed = waitingWithoutWorkersMs ?? 0
        return condition(
            .noWorkers, sample.queue, value: Double(elapsed), threshold: Double(limit),
            crossed: waitingWithoutWorkersMs.map { $0 >= limit } ?? false,
            message: "queue \(sample.queue) has had \(sample.counts.ready) jobs waiting and no worker for "
                + "\(elapsed) ms (limit \(limit) ms): start workers, or check that they reach this Redis under "
                + "BullMQ's client names")
    }

    /// The Redis latency rule (subject `redis`).
    public func condition(for redis: RedisStats) -> AlertCondition {
        let limit = configuration.thresholds.maxRedisLatency.fractionalMilliseconds
        return condition(
            .maxRedisLatency, "redis", value: redis.latencyMs, threshold: limit, crossed: redis.latencyMs > limit,
            message: "Redis median round trip \(format(redis.latencyMs)) ms is above \(format(limit)) ms: "
                + "check Redis CPU, slow commands (SLOWLOG) and the network")
    }

    /// The cache rules for one cache snapshot (utilisation and hit rate; subject = the cache's name).
    public func conditions(for cache: CacheTelemetry) -> [AlertCondition] {
        let settings = configuration.cacheAlerts
        let name = cache.modelType
        let judged = cache.totalLoads >= UInt64(max(settings.minLoads, 0))
        return [
            condition(
                .cacheUtilization, name, value: cache.utilizationPercent, threshold: settings.utilizationRatio * 100,
                crossed: cache.utilizationRatio > settings.utilizationRatio,
                message: "\(name) model cache utilisation \(format(cache.utilizationPercent))% is above "
                    + "\(format(settings.utilizationRatio * 100))% (\(cache.currentSize) of \(cache.maxSize)); "
                    + "a full cache is normal, raise the bound if the hit rate suffers"),
            condition(
                .cacheHitRate, name, value: cache.hitRatePercent, threshold: settings.minHitRateRatio * 100,
                crossed: judged && cache.hitRateRatio < settings.minHitRateRatio,
                message: "\(name) model cache hit rate \(format(cache.hitRatePercent))% is below "
                    + "\(format(settings.minHitRateRatio * 100))% after \(cache.totalLoads) loads: "
                    + "raise the cache size or the idle timeout"),
        ]
    }

    /// The process memory rule (subject `process`).
    public func condition(for memory: ProcessMemory) -> AlertCondition {
        let limit = configuration.cacheAlerts.memoryAlertMB
        return condition(
            .cacheMemory, "process", value: memory.totalEstimatedMB, threshold: limit,
            crossed: memory.totalEstimatedMB > limit,
            message: "process memory \(format(memory.totalEstimatedMB)) MB is above \(format(limit)) MB: "
                + "lower MAX_SOCIAL_MODELS / MAX_ADVERTISING_MODELS or MODEL_IDLE_TIMEOUT_MS")
    }

    private func condition(
        _ rule: AlertRule, _ subject: String, value: Double, threshold: Double, crossed: Bool, message: String
    ) -> AlertCondition {
        AlertCondition(
            key: AlertKey(rule: rule, subject: subject), value: value, threshold: threshold,
            severity: configuration.severity(of: rule), crossed: crossed, message: message)
    }

    private func percent(_ ratio: Double) -> String { "\(format(ratio * 100))%" }

    private func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
