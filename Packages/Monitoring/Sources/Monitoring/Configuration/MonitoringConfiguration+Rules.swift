import Essentials

extension MonitoringConfiguration {
    /// The settings of `rule` for `subject`: the queue's override (`queues.<subject>.rules.<rule>`) over the rule's
    /// (`rules.<rule>`), with the threshold, severity and the `noWorkers` `for` filled in from the rule-wide settings.
    public func ruleSettings(_ rule: AlertRule, subject: String) -> AlertRuleSettings {
        let merged = (queueRules[subject]?[rule]).map { $0.merged(over: rules[rule]) } ?? rules[rule]
        var settings = merged ?? AlertRuleSettings()
        settings.threshold = settings.threshold ?? threshold(of: rule)
        settings.severity = settings.severity ?? severity(of: rule)
        if rule == .noWorkers { settings.forDuration = settings.forDuration ?? thresholds.noWorkerAlert }
        return settings
    }

    /// The rule-wide firing threshold of `rule` in the unit of the alert's `value` (jobs, ratio, ms, percent, MB);
    /// 0 for `noWorkers` (it fires on any ready job without a worker).
    public func threshold(of rule: AlertRule) -> Double {
        switch rule {
        case .maxWaitingJobs: Double(thresholds.maxWaitingJobs)
        case .maxFailedRate: thresholds.maxFailedRate
        case .maxStalledJobs: Double(thresholds.maxStalledJobs)
        case .maxRedisLatency: thresholds.maxRedisLatency.fractionalMilliseconds
        case .noWorkers: 0
        case .cacheUtilization: cacheAlerts.utilizationRatio * 100
        case .cacheHitRate: cacheAlerts.minHitRateRatio * 100
        case .cacheMemory: cacheAlerts.memoryAlertMB
        }
    }
}

extension AlertRuleSettings {
    /// `for`, cooldown and repeat in ms, as ``AlertTracker`` takes them.
    public var timing: AlertTiming {
        AlertTiming(
            forMs: (forDuration ?? .zero).wholeMilliseconds, cooldownMs: (cooldown ?? .zero).wholeMilliseconds,
            repeatMs: repeatInterval?.wholeMilliseconds)
    }
}
