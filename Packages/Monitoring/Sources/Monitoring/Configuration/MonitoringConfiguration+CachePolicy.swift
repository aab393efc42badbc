import AIModelCache

extension MonitoringConfiguration {
    /// The cache alert thresholds and severities as AIModelCache's policy, so a `ModelCacheManager` built
    /// by the app alerts exactly as monitoring does (flags, file and `ALERT_PROFILE` included).
    public var cacheAlertPolicy: CacheAlertPolicy {
        CacheAlertPolicy(
            utilizationRatio: cacheAlerts.utilizationRatio, minHitRateRatio: cacheAlerts.minHitRateRatio,
            minLoads: UInt64(max(cacheAlerts.minLoads, 0)), memoryAlertMB: cacheAlerts.memoryAlertMB,
            utilizationSeverity: severity(of: .cacheUtilization), hitRateSeverity: severity(of: .cacheHitRate),
            memorySeverity: severity(of: .cacheMemory))
    }
}
