/// A named set of thresholds (`ALERT_PROFILE`); `production` is the spec's "Alerting Setup".
public enum AlertProfile: String, Codable, Sendable, CaseIterable {
    /// The spec's defaults: stalled > 10, failed > 10%, Redis > 100 ms, cache > 90%, memory > 2 GB.
    case `default`
    /// The spec's production alerts: stalled > 5, failed > 5%, Redis > 50 ms, cache > 80%, memory > 1.5 GB.
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
        }
    }
}
