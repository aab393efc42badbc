/// The cache alert thresholds (spec defaults) and their evaluation against snapshots. Pure logic.
///
/// Environment (see ``ModelCacheManager/Configuration/init(environment:)``): `AI_CACHE_UTILIZATION_ALERT`,
/// `AI_CACHE_MIN_HIT_RATE`, `AI_CACHE_MIN_LOADS`, `AI_MEMORY_ALERT_MB`.
public struct CacheAlertPolicy: Sendable, Equatable {
    /// Utilisation ratio above which `info` fires. Default 0.9 (> 90%). Range (0, 1].
    public var utilizationRatio: Double
    /// Hit-rate ratio below which `warning` fires. Default 0.5 (< 50%). Range [0, 1].
    public var minHitRateRatio: Double
    /// Loads (succeeded + failed) needed before the hit-rate rule applies. Default 20 (20+ loads).
    public var minLoads: UInt64
    /// Process total estimated memory (MB) above which `critical` fires. Default 2048.
    public var memoryAlertMB: Double
    /// Severity of the utilisation rule. Default `info`.
    public var utilizationSeverity: CacheAlert.Severity
    /// Severity of the hit-rate rule. Default `warning`.
    public var hitRateSeverity: CacheAlert.Severity
    /// Severity of the memory rule. Default `critical`.
    public var memorySeverity: CacheAlert.Severity

    /// Creates a policy; every parameter defaults to the spec's value.
    public init(
        utilizationRatio: Double = 0.9, minHitRateRatio: Double = 0.5, minLoads: UInt64 = 20,
        memoryAlertMB: Double = 2048, utilizationSeverity: CacheAlert.Severity = .info,
        hitRateSeverity: CacheAlert.Severity = .warning, memorySeverity: CacheAlert.Severity = .critical
    ) {
        self.utilizationRatio = utilizationRatio
        self.minHitRateRatio = minHitRateRatio
        self.minLoads = minLoads
        self.memoryAlertMB = memoryAlertMB
        self.utilizationSeverity = utilizationSeverity
        self.hitRateSeverity = hitRateSeverity
        self.memorySeverity = memorySeverity
    }

    /// Throws ``ModelCacheError/Code/invalidConfiguration`` for a ratio outside its range or a
    /// non-positive memory threshold.
    public func validate() throws {
        guard utilizationRatio > 0 && utilizationRatio <= 1 else {
            throw ModelCacheError(
                .invalidConfiguration,
                "AI_CACHE_UTILIZATION_ALERT must be a ratio in (0, 1], e.g. 0.9; got \(utilizationRatio)")
        }
        guard minHitRateRatio >= 0 && minHitRateRatio <= 1 else {
            throw ModelCacheError(
                .invalidConfiguration,
                "AI_CACHE_MIN_HIT_RATE must be a ratio in [0, 1], e.g. 0.5; got \(minHitRateRatio)")
        }
        guard memoryAlertMB > 0 && memoryAlertMB.isFinite else {
            throw ModelCacheError(
                .invalidConfiguration,
                "AI_MEMORY_ALERT_MB must be a positive number of MB, e.g. 2048; got \(memoryAlertMB)")
        }
    }

    /// The utilisation and hit-rate alerts for one cache's snapshot (the memory rule is per process: see
    /// ``memoryAlert(for:)``).
    public func alerts(for telemetry: CacheTelemetry) -> [CacheAlert] {
        var alerts: [CacheAlert] = []
        // Compare exact ratios of the counts, not the rounded percentages: 90 of 100 is not above 0.9.
        if telemetry.utilizationRatio > utilizationRatio {
            alerts.append(
                CacheAlert(
                    rule: .utilization, severity: utilizationSeverity, cache: telemetry.modelType,
                    value: telemetry.utilizationPercent, threshold: utilizationRatio * 100,
                    message: "\(telemetry.modelType) model cache utilisation \(format(telemetry.utilizationPercent))% "
                        + "is above \(format(utilizationRatio * 100))% (\(telemetry.currentSize) of "
                        + "\(telemetry.maxSize)); a full cache is normal, raise the bound if hit rate suffers"))
        }
        if telemetry.totalLoads >= minLoads && telemetry.hitRateRatio < minHitRateRatio {
            alerts.append(
                CacheAlert(
                    rule: .hitRate, severity: hitRateSeverity, cache: telemetry.modelType,
                    value: telemetry.hitRatePercent, threshold: minHitRateRatio * 100,
                    message: "\(telemetry.modelType) model cache hit rate \(format(telemetry.hitRatePercent))% "
                        + "is below \(format(minHitRateRatio * 100))% after \(telemetry.totalLoads) loads; "
                        + "raise the cache size or the idle timeout"))
        }
        return alerts
    }

    /// The memory alert for the process, if its total estimated memory is above the threshold.
    public func memoryAlert(for memory: ProcessMemory) -> CacheAlert? {
        guard memory.totalEstimatedMB > memoryAlertMB else { return nil }
        return CacheAlert(
            rule: .memory, severity: memorySeverity, cache: "process", value: memory.totalEstimatedMB,
            threshold: memoryAlertMB,
            message: "process memory \(format(memory.totalEstimatedMB)) MB is above \(format(memoryAlertMB)) MB; "
                + "lower MAX_SOCIAL_MODELS / MAX_ADVERTISING_MODELS or MODEL_IDLE_TIMEOUT_MS")
    }

    private func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
