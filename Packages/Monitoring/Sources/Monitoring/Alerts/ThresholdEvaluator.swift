import AIModelCache
import CommandLineArguments
import Essentials

/// Compares samples with the thresholds exactly as docs/architecture.md's "Threshold semantics" says. Pure.
/// The one place every rule is evaluated, the cache rules included (AIModelCache reports figures only).
///
/// - `maxWaitingJobs`: waiting + prioritized > threshold.
/// - `maxStalledJobs`: active jobs without a lock > threshold.
/// - `maxFailedRate`: failed ÷ (completed + failed) over the window > threshold, only once at least
///   `MIN_FINISHED_FOR_RATE` jobs finished in it (fewer: not crossed, and clear).
/// - `noWorkers`: ready jobs (not on a paused queue) and no worker; its `for` is `NO_WORKER_ALERT_MS`.
/// - `maxRedisLatency`: median PING round trip (ms) > threshold.
/// - cache utilisation > ratio (`info`), hit rate < ratio after `AI_CACHE_MIN_LOADS` loads, process memory > MB.
///
/// Each condition carries the rule's settings for its subject (``MonitoringConfiguration/ruleSettings(_:subject:)``):
/// the threshold (a queue may override it), the resolve threshold (`clear` once the value is back inside it), the
/// severity and the timing the ``AlertTracker`` applies.
public struct ThresholdEvaluator: Sendable {
    /// The configuration the thresholds and severities come from.
    public var configuration: MonitoringConfiguration

    /// Creates an evaluator.
    public init(configuration: MonitoringConfiguration) {
        self.configuration = configuration
    }

    /// The three queue rules for one sample (always three conditions, crossed or not).
    public func conditions(for sample: QueueSample) -> [AlertCondition] {
        let queue = sample.queue
        let ready = sample.counts.ready
        let finished = sample.window.finished ?? 0
        let rate = sample.failedRate ?? 0
        let enough = finished >= configuration.thresholds.minFinishedForRate
        return [
            condition(.maxWaitingJobs, queue, value: Double(ready)) { limit in
                "queue \(queue) has \(ready) jobs waiting (waiting + prioritized), above \(format(limit)): "
                    + "add workers or check that they are running"
            },
            condition(.maxStalledJobs, queue, value: Double(sample.stalled)) { limit in
                "queue \(queue) has \(sample.stalled) active jobs whose lock is gone, above \(format(limit)): "
                    + "workers died or are CPU-blocked; the stalled check will requeue them"
            },
            condition(.maxFailedRate, queue, value: rate, judged: enough) { limit in
                "queue \(queue) failed \(percent(rate)) of \(finished) jobs finished in the window, above "
                    + "\(percent(limit))"
                    + (enough
                        ? ": look at the failed jobs' reasons"
                        : " (fewer than \(configuration.thresholds.minFinishedForRate) finished: not judged)")
            },
        ]
    }

    /// The queue rules' thresholds for `queue` as they apply to it (its own overrides first), by rule name
    /// (`maxWaitingJobs`, `maxStalledJobs`, `maxFailedRate`), with each resolve threshold as `<rule>Resolve`: the lines a
    /// history chart draws.
    public func queueThresholds(_ queue: String) -> [String: Double] {
        var thresholds: [String: Double] = [:]
        for rule in [AlertRule.maxWaitingJobs, .maxStalledJobs, .maxFailedRate] {
            let settings = configuration.ruleSettings(rule, subject: queue)
            let threshold = settings.threshold ?? configuration.threshold(of: rule)
            thresholds[rule.rawValue] = threshold
            thresholds[rule.rawValue + "Resolve"] = settings.resolve ?? threshold
        }
        return thresholds
    }

    /// The `noWorkers` rule for one sample: crossed while the queue has ready jobs and no worker (the tracker holds
    /// it for the rule's `for`, `NO_WORKER_ALERT_MS`). Value: the ready jobs without a worker (0 when it does not
    /// apply); threshold 0. Nil when the sample's workers are unknown: a list Redis refused proves nothing either
    /// way, so the caller marks the key unknown.
    public func noWorkersCondition(for sample: QueueSample) -> AlertCondition? {
        guard let waiting = sample.isWaitingWithoutWorkers else { return nil }
        let settings = configuration.ruleSettings(.noWorkers, subject: sample.queue)
        let limit = DurationText.format(settings.forDuration ?? .zero)
        return AlertCondition(
            key: AlertKey(rule: .noWorkers, subject: sample.queue), value: waiting ? Double(sample.counts.ready) : 0,
            threshold: 0, severity: settings.severity ?? AlertRule.noWorkers.defaultSeverity, crossed: waiting,
            timing: settings.timing,
            message: "queue \(sample.queue) has had \(sample.counts.ready) jobs waiting and no worker for at least "
                + "\(limit): start workers, or check that they reach this Redis under BullMQ's client names")
    }

    /// The Redis latency rule (subject `redis`).
    public func condition(for redis: RedisStats) -> AlertCondition {
        condition(.maxRedisLatency, "redis", value: redis.latencyMs) { limit in
            "Redis median round trip \(format(redis.latencyMs)) ms is above \(format(limit)) ms: "
                + "check Redis CPU, slow commands (SLOWLOG) and the network"
        }
    }

    /// The cache rules for one cache snapshot (utilisation and hit rate; subject = the cache's name).
    public func conditions(for cache: CacheTelemetry) -> [AlertCondition] {
        let name = cache.modelType
        let judged = cache.totalLoads >= UInt64(max(configuration.cacheAlerts.minLoads, 0))
        return [
            condition(.cacheUtilization, name, value: cache.utilizationPercent) { limit in
                "\(name) model cache utilisation \(format(cache.utilizationPercent))% is above "
                    + "\(format(limit))% (\(cache.currentSize) of \(cache.maxSize)); "
                    + "a full cache is normal, raise the bound if the hit rate suffers"
            },
            condition(.cacheHitRate, name, value: cache.hitRatePercent, judged: judged) { limit in
                "\(name) model cache hit rate \(format(cache.hitRatePercent))% is below "
                    + "\(format(limit))% after \(cache.totalLoads) loads: "
                    + "raise the cache size or the idle timeout"
            },
        ]
    }

    /// The process memory rule (subject `process`).
    public func condition(for memory: ProcessMemory) -> AlertCondition {
        condition(.cacheMemory, "process", value: memory.totalEstimatedMB) { limit in
            "process memory \(format(memory.totalEstimatedMB)) MB is above \(format(limit)) MB: "
                + "lower MAX_SOCIAL_MODELS / MAX_ADVERTISING_MODELS or MODEL_IDLE_TIMEOUT_MS"
        }
    }

    /// A threshold rule: crossed beyond the threshold, clear inside the resolve threshold; a value that is not
    /// `judged` (too few jobs or loads) is neither crossed nor held against a firing alert.
    private func condition(
        _ rule: AlertRule, _ subject: String, value: Double, judged: Bool = true, message: (Double) -> String
    ) -> AlertCondition {
        let settings = configuration.ruleSettings(rule, subject: subject)
        let threshold = settings.threshold ?? configuration.threshold(of: rule)
        let resolve = settings.resolve ?? threshold
        return AlertCondition(
            key: AlertKey(rule: rule, subject: subject), value: value, threshold: threshold,
            resolveThreshold: resolve, severity: settings.severity ?? rule.defaultSeverity,
            crossed: judged && rule.isBeyond(value, threshold), clear: !judged || !rule.isBeyond(value, resolve),
            timing: settings.timing, message: message(threshold))
    }

    private func percent(_ ratio: Double) -> String { "\(format(ratio * 100))%" }

    private func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
