/// A named set of thresholds and rule timings (`ALERT_PROFILE`); `production` is the spec's "Alerting Setup".
public enum AlertProfile: String, Codable, Sendable, CaseIterable {
    /// The spec's defaults: stalled > 10, failed > 10%, Redis > 100 ms, cache > 90%, memory > 2 GB; every rule fires
    /// at once and resolves at its threshold.
    case `default`
    /// The spec's production alerts: stalled > 5, failed > 5%, Redis > 50 ms, cache > 80%, memory > 1.5 GB, with
    /// resolve thresholds and `for` durations against paging on a single sample (the values and why: the
    /// Monitoring README, "Alert rules").
    case production

    /// Applies the profile's values to `configuration`; settings the profile does not name are kept.
    func apply(to configuration: inout MonitoringConfiguration) {
        switch self {
        case .default:
            break
        case .production:
            configuration.thresholds.maxStalledJobs = 5
            configuration.thresholds.maxFailedRate = 0.05
            configuration.thresholds.maxRedisLatency = .milliseconds(50)
            configuration.cacheAlerts.utilizationRatio = 0.8
            configuration.cacheAlerts.memoryAlertMB = 1536
            // Thresholds in the alerts' units (jobs, ratio, ms, percent, MB). Why these: the README's "Alert rules".
            let minute = Duration.seconds(60)
            configuration.rules = [
                .maxWaitingJobs: AlertRuleSettings(resolve: 800, forDuration: minute * 2, cooldown: minute * 5),
                .maxStalledJobs: AlertRuleSettings(resolve: 2, forDuration: minute, cooldown: minute * 5),
                .maxFailedRate: AlertRuleSettings(resolve: 0.03, forDuration: minute * 2, cooldown: minute * 5),
                .maxRedisLatency: AlertRuleSettings(resolve: 35, forDuration: minute * 2, cooldown: minute * 5),
                .cacheUtilization: AlertRuleSettings(resolve: 70, forDuration: minute * 5),
                .cacheHitRate: AlertRuleSettings(resolve: 60, forDuration: minute * 5, cooldown: minute * 5),
                .cacheMemory: AlertRuleSettings(resolve: 1280, forDuration: minute, repeatInterval: minute * 60),
            ]
        }
    }
}
