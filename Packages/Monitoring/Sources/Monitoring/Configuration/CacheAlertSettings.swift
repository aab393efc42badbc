/// The AI-model cache alert thresholds (the spec's "Alert Conditions"), as monitoring configures them.
public struct CacheAlertSettings: Sendable, Equatable, Codable {
    /// Alert (`info`) when a cache's utilisation ratio exceeds this (`AI_CACHE_UTILIZATION_ALERT`). Default 0.9.
    public var utilizationRatio: Double
    /// Alert (`warning`) when a cache's hit-rate ratio is below this (`AI_CACHE_MIN_HIT_RATE`). Default 0.5.
    public var minHitRateRatio: Double
    /// The hit-rate rule applies only after this many loads (`AI_CACHE_MIN_LOADS`). Default 20.
    public var minLoads: Int
    /// Alert (`critical`) when the process's estimated memory exceeds this many MB (`AI_MEMORY_ALERT_MB`). Default 2048.
    public var memoryAlertMB: Double

    /// Creates settings; every parameter defaults to the spec's value.
    public init(
        utilizationRatio: Double = 0.9, minHitRateRatio: Double = 0.5, minLoads: Int = 20, memoryAlertMB: Double = 2048
    ) {
        self.utilizationRatio = utilizationRatio
        self.minHitRateRatio = minHitRateRatio
        self.minLoads = minLoads
        self.memoryAlertMB = memoryAlertMB
    }
}
