import CommandLineArguments

extension ConfigurationFile {
    /// The fields of one rule object.
    private static let ruleFields = ["threshold", "resolve", "for", "cooldown", "repeat", "severity"]

    /// Reads `rules`: an object of rule name (``AlertRule/configName`` or the alert name) → rule object.
    mutating func readRules(_ value: Any) throws {
        for (name, object) in try object(value, key: "rules", example: #"{"waitingJobs": {"resolve": 800}}"#) {
            guard let rule = AlertRule(configName: name) else { throw unknownRule(name, key: "rules") }
            rules[rule] = try readRule(object, rule: rule, key: "rules.\(rule.configName)", ruleWide: true)
        }
    }

    /// Reads `queues` as an object: queue name → `{"rules": {rule name → rule object}}` (queue rules only).
    mutating func readQueueRules(_ value: Any) throws {
        let example = #"{"social-posts": {"rules": {"waitingJobs": {"threshold": 50}}}}"#
        for (queue, entry) in try object(value, key: "queues", example: example) {
            let queueKey = "queues.\(queue)"
            let entry = try object(entry, key: queueKey, example: #"{"rules": {"waitingJobs": {"threshold": 50}}}"#)
            if let other = entry.keys.first(where: { $0 != "rules" }) {
                throw invalid("\(queueKey) has an unknown key \"\(other)\"; known keys: rules")
            }
            var overrides: [AlertRule: AlertRuleSettings] = [:]
            let rulesKey = "\(queueKey).rules"
            for (name, object) in try object(entry["rules"] ?? [:], key: rulesKey, example: example) {
                guard let rule = AlertRule(configName: name) else { throw unknownRule(name, key: rulesKey) }
                guard rule.isQueueRule else {
                    throw invalid(
                        "\(rulesKey).\(name) is not a queue rule; per queue: "
                            + AlertRule.allCases.filter(\.isQueueRule).map(\.configName).joined(separator: ", "))
                }
                overrides[rule] = try readRule(
                    object, rule: rule, key: "\(rulesKey).\(rule.configName)", ruleWide: false)
            }
            queueRules[queue] = overrides
        }
    }

    /// Reads one rule object. Rule-wide (`rules.<rule>`), the threshold and `noWorkers`' `for` are the existing
    /// settings (``values``, at the file's precedence) and the severity goes to ``severities``; per queue, all stay
    /// in the returned settings.
    private mutating func readRule(_ value: Any, rule: AlertRule, key: String, ruleWide: Bool) throws
        -> AlertRuleSettings
    {
        var settings = AlertRuleSettings()
        for (field, raw) in try fields(value, key: key) {
            let fieldKey = "\(key).\(field)"
            let text = try Self.text(of: raw, key: fieldKey, path: path, boolean: false)
            switch field {
            case "threshold", "resolve":
                guard let setting = rule.thresholdSetting else { throw noThreshold(key) }
                if field == "resolve" {
                    settings.resolve = try level(text, rule: rule, key: fieldKey)
                } else if ruleWide {
                    try set(setting, text, key: fieldKey)
                } else {
                    settings.threshold = try level(text, rule: rule, key: fieldKey)
                }
            case "severity":
                let severity = try severity(text, key: fieldKey)
                if ruleWide { severities[rule] = severity } else { settings.severity = severity }
            case "for" where ruleWide && rule == .noWorkers: try set(.noWorkerAlert, text, key: fieldKey)
            case "for": settings.forDuration = try duration(text, key: fieldKey)
            case "cooldown": settings.cooldown = try duration(text, key: fieldKey)
            default: settings.repeatInterval = try duration(text, key: fieldKey)
            }
        }
        return settings
    }

    private func object(_ value: Any, key: String, example: String) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw invalid("\(key) must be an object like \(example)") }
        return object
    }

    private func fields(_ value: Any, key: String) throws -> [String: Any] {
        let object = try object(value, key: key, example: #"{"threshold": 50, "resolve": 40, "for": "2m"}"#)
        if let unknown = object.keys.sorted().first(where: { !Self.ruleFields.contains($0) }) {
            throw invalid(
                "\(key) has an unknown key \"\(unknown)\"; known keys: \(Self.ruleFields.joined(separator: ", "))")
        }
        return object
    }

    private func level(_ text: String, rule: AlertRule, key: String) throws -> Double {
        guard let level = rule.level(from: text) else {
            throw invalid("\(key) must be \(rule.levelSyntax); got \"\(text)\"")
        }
        return level
    }

    private func duration(_ text: String, key: String) throws -> Duration {
        guard let duration = DurationText.parse(text) else {
            throw invalid("\(key) must be a duration in ms or with a unit (500ms, 30s, 10m, 24h); got \"\(text)\"")
        }
        return duration
    }

    private func severity(_ text: String, key: String) throws -> AlertSeverity {
        guard let severity = AlertSeverity(rawValue: text) else {
            throw invalid("\(key) must be one of: info, warning, critical; got \"\(text)\"")
        }
        return severity
    }

    private func noThreshold(_ key: String) -> MonitoringError {
        invalid(
            "\(key) takes no threshold or resolve (it fires on any ready job without a worker); "
                + "set its for (NO_WORKER_ALERT_MS)")
    }

    private func unknownRule(_ name: String, key: String) -> MonitoringError {
        invalid(
            "\(key) has an unknown rule \"\(name)\"; rules: "
                + AlertRule.allCases.map(\.configName).joined(separator: ", "))
    }

    private func invalid(_ message: String) -> MonitoringError {
        MonitoringError(.invalidConfiguration, "MONITORING_CONFIG file \(path) \(message)")
    }
}
