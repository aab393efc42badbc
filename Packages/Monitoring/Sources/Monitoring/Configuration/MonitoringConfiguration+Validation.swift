import AIModelCache
import CommandLineArguments
import Essentials

extension MonitoringConfiguration {
    /// Throws ``MonitoringError/Code/invalidConfiguration`` for the first impossible value; the message
    /// names the variable and flag, the value, and what is expected.
    public func validate() throws {
        let fail = Self.invalidSetting
        let scheme = redisURL.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if scheme == "rediss" {
            throw fail(
                .redisURL, "a redis:// URL (TLS is not supported by hiredis 0.14; use a local TLS proxy)", redisURL)
        }
        guard scheme == "redis", redisURL.count > "redis://".count else {
            throw fail(
                .redisURL, "a URL like redis://127.0.0.1:6379 or redis://:password@host:port/db", "\"\(redisURL)\"")
        }
        guard !host.isEmpty, !host.contains(" ") else {
            throw fail(.host, "an address like 127.0.0.1 or 0.0.0.0", "\"\(host)\"")
        }
        guard (0...65535).contains(port) else { throw fail(.port, "a port in 0...65535 (0 picks a free one)", port) }
        guard !queuePrefix.isEmpty, !queuePrefix.contains(where: { $0 == " " || $0 == "*" || $0 == "?" }) else {
            throw fail(
                .queuePrefix, "a non-empty key prefix without spaces or glob characters, e.g. bull",
                "\"\(queuePrefix)\"")
        }
        if let queues {
            guard !queues.isEmpty, queues.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                throw fail(
                    .queues, "a comma-separated list of queue names without spaces, or unset to discover them",
                    "\"\(queues.joined(separator: ","))\"")
            }
        }
        guard monitorInterval >= .milliseconds(10), monitorInterval <= .seconds(86_400) else {
            throw fail(
                .monitorInterval, "between 10ms and 24h, e.g. 30000 or 30s", DurationText.format(monitorInterval))
        }
        guard (1...100_000).contains(metricsRetention) else {
            throw fail(.metricsRetention, "a sample count in 1...100000, e.g. 100", metricsRetention)
        }
        guard thresholds.maxWaitingJobs >= 0 else {
            throw fail(.maxWaitingJobs, "a job count ≥ 0, e.g. 1000", thresholds.maxWaitingJobs)
        }
        guard thresholds.maxFailedRate >= 0, thresholds.maxFailedRate <= 1 else {
            throw fail(.maxFailedRate, "a ratio in [0, 1], e.g. 0.1 (or 10%)", thresholds.maxFailedRate)
        }
        guard thresholds.maxStalledJobs >= 0 else {
            throw fail(.maxStalledJobs, "a job count ≥ 0, e.g. 10", thresholds.maxStalledJobs)
        }
        guard thresholds.maxRedisLatency > .zero, thresholds.maxRedisLatency <= .seconds(60) else {
            throw fail(
                .maxRedisLatency, "between 1ms and 60s, e.g. 100 or 100ms",
                DurationText.format(thresholds.maxRedisLatency))
        }
        guard thresholds.minFinishedForRate >= 1 else {
            throw fail(.minFinishedForRate, "a job count ≥ 1, e.g. 20", thresholds.minFinishedForRate)
        }
        guard thresholds.noWorkerAlert > .zero, thresholds.noWorkerAlert <= .seconds(86_400) else {
            throw fail(
                .noWorkerAlert, "between 1ms and 24h, e.g. 60000 or 60s", DurationText.format(thresholds.noWorkerAlert))
        }
        guard cacheAlerts.utilizationRatio > 0, cacheAlerts.utilizationRatio <= 1 else {
            throw fail(.cacheUtilizationAlert, "a ratio in (0, 1], e.g. 0.9 (or 90%)", cacheAlerts.utilizationRatio)
        }
        guard cacheAlerts.minHitRateRatio >= 0, cacheAlerts.minHitRateRatio <= 1 else {
            throw fail(.cacheMinHitRate, "a ratio in [0, 1], e.g. 0.5 (or 50%)", cacheAlerts.minHitRateRatio)
        }
        guard cacheAlerts.minLoads >= 0 else {
            throw fail(.cacheMinLoads, "a load count ≥ 0, e.g. 20", cacheAlerts.minLoads)
        }
        guard cacheAlerts.memoryAlertMB > 0, cacheAlerts.memoryAlertMB.isFinite else {
            throw fail(.memoryAlertMB, "a positive number of MB, e.g. 2048", cacheAlerts.memoryAlertMB)
        }
        let entries = "an entry count in 1...\(ModelCacheLimits.maxEntries), e.g."
        guard (1...ModelCacheLimits.maxEntries).contains(models.maxSocialModels) else {
            throw fail(.maxSocialModels, "\(entries) \(ModelCacheDefaults.maxSocialModels)", models.maxSocialModels)
        }
        guard (1...ModelCacheLimits.maxEntries).contains(models.maxAdvertisingModels) else {
            throw fail(
                .maxAdvertisingModels, "\(entries) \(ModelCacheDefaults.maxAdvertisingModels)",
                models.maxAdvertisingModels)
        }
        guard models.idleTimeout > .zero else {
            let idle = ModelCacheDefaults.idleTimeout
            throw fail(
                .modelIdleTimeout, "more than 0, e.g. \(idle.wholeMilliseconds) or \(DurationText.format(idle))",
                DurationText.format(models.idleTimeout))
        }
        guard (1...StoreSettings.maxRetentionDays).contains(alertHistory.retentionDays) else {
            throw fail(
                .alertHistoryDays, "a whole number of days in 1...\(StoreSettings.maxRetentionDays), e.g. 30",
                alertHistory.retentionDays)
        }
        try validateRules()
        try delivery.validate()
        guard (1...StoreSettings.maxRetentionDays).contains(audit.retentionDays) else {
            throw fail(
                .auditRetentionDays, "a whole number of days in 1...\(StoreSettings.maxRetentionDays), e.g. 90",
                audit.retentionDays)
        }
        try validateTokens()
    }

    /// The error for a bad `value` of `setting`, naming its variable and flag and what is expected.
    private static func invalidSetting(_ setting: Setting, _ expected: String, _ value: Any) -> MonitoringError {
        MonitoringError(
            .invalidConfiguration,
            "\(setting.environmentName) (--\(setting.flagNames[0])) must be \(expected); got \(value)")
    }

    /// The tokens: no spaces or newlines; a read token only beside an admin token (alone it would leave writes
    /// open) and different from it. The values are secrets: messages say what is wrong, never echo them.
    private func validateTokens() throws {
        for (setting, token) in [(Setting.apiToken, apiToken), (.apiReadToken, apiReadToken)] {
            if let token, token.isEmpty || token.contains(where: { $0 == " " || $0 == "\n" }) {
                throw Self.invalidSetting(
                    setting, "a token without spaces or newlines", "a token of \(token.count) characters")
            }
        }
        if apiReadToken != nil, apiToken == nil {
            throw MonitoringError(
                .invalidConfiguration,
                "API_READ_TOKEN (--api-read-token) needs API_TOKEN (--api-token) too: a read-only token alone would "
                    + "leave every write open; set both, or neither for an open API on loopback")
        }
        if let apiReadToken, apiReadToken == apiToken {
            throw MonitoringError(
                .invalidConfiguration,
                "API_READ_TOKEN must differ from API_TOKEN: the same token cannot be read-only and admin")
        }
    }

    /// Checks every rule's settings and every queue override; the message names the `MONITORING_CONFIG` key.
    private func validateRules() throws {
        for rule in AlertRule.allCases {
            try validate(rule, rules[rule] ?? AlertRuleSettings(), threshold: threshold(of: rule), key: "rules")
        }
        for (queue, overrides) in queueRules.sorted(by: { $0.key < $1.key }) {
            for (rule, settings) in overrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let key = "queues.\(queue).rules"
                if let own = settings.threshold, own < 0 {
                    throw MonitoringError(
                        .invalidConfiguration, "\(key).\(rule.configName).threshold must be ≥ 0; got \(own)")
                }
                let merged = settings.merged(over: rules[rule])
                try validate(rule, merged, threshold: settings.threshold ?? threshold(of: rule), key: key)
            }
        }
    }

    private func validate(_ rule: AlertRule, _ settings: AlertRuleSettings, threshold: Double, key: String) throws {
        let name = "\(key).\(rule.configName)"
        func fail(_ message: String) -> MonitoringError { MonitoringError(.invalidConfiguration, "\(name).\(message)") }
        if let resolve = settings.resolve, rule.isBeyond(resolve, threshold) {
            let side = rule.isLowerBound ? "below" : "above"
            let bound = rule.isLowerBound ? "a lower-bound" : "an upper-bound"
            throw fail(
                "resolve must not be \(side) \(name).threshold for \(bound) rule (it would resolve while still "
                    + "crossed); got resolve \(resolve), threshold \(threshold)")
        }
        let durations = [("for", settings.forDuration), ("cooldown", settings.cooldown)]
        for (field, duration) in durations {
            if let duration, duration < .zero || duration > .seconds(86_400) {
                throw fail("\(field) must be between 0 and 24h, e.g. 2m; got \(DurationText.format(duration))")
            }
        }
        if let every = settings.repeatInterval, every < .seconds(1) || every > .seconds(7 * 86_400) {
            throw fail("repeat must be between 1s and 7d (168h), e.g. 1h; got \(DurationText.format(every))")
        }
    }
}
