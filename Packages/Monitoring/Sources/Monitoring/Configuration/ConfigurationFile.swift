import Foundation

/// The parsed `MONITORING_CONFIG` JSON file: an object whose keys are ``Setting/jsonKey`` (or the
/// environment variable names), plus `severities`, an object of ``AlertRule`` → ``AlertSeverity``, `rules`
/// (``AlertRuleSettings`` per rule) and, when `queues` is an object, per-queue rule overrides.
///
/// Example: `{"maxWaitingJobs": 500, "monitorIntervalMs": "10s", "QUEUES": ["email", "posts"],
/// "severities": {"maxStalledJobs": "critical"}, "rules": {"waitingJobs": {"resolve": 400, "for": "2m"}},
/// "queues": {"posts": {"rules": {"waitingJobs": {"threshold": 50}}}}}`. Unknown keys are errors, so a typo is not
/// silently ignored.
struct ConfigurationFile {
    var values: [Setting: String] = [:]
    /// The key each value came from (`maxWaitingJobs`, `rules.waitingJobs.threshold`), for messages.
    var keys: [Setting: String] = [:]
    var severities: [AlertRule: AlertSeverity] = [:]
    /// `rules.<rule>`: resolve, for, cooldown, repeat (threshold and severity go to ``values`` and ``severities``).
    var rules: [AlertRule: AlertRuleSettings] = [:]
    /// `queues.<name>.rules.<rule>`.
    var queueRules: [String: [AlertRule: AlertRuleSettings]] = [:]
    let path: String

    init(path: String, data: Data) throws {
        self.path = path
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw MonitoringError(
                .invalidConfiguration,
                "MONITORING_CONFIG file \(path) is not valid JSON: fix it or unset MONITORING_CONFIG")
        }
        guard let dictionary = object as? [String: Any] else {
            throw MonitoringError(.invalidConfiguration, "MONITORING_CONFIG file \(path) must hold a JSON object")
        }
        var byName: [String: Setting] = [:]
        for setting in Setting.allCases {
            byName[setting.jsonKey] = setting
            byName[setting.environmentName] = setting
        }
        for (key, value) in dictionary {
            if key == "severities" {
                for (rule, severity) in try Self.severities(value, path: path) { severities[rule] = severity }
                continue
            }
            if key == "rules" {
                try readRules(value)
                continue
            }
            if key == "queues", value is [String: Any] {
                try readQueueRules(value)
                continue
            }
            guard let setting = byName[key] else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "MONITORING_CONFIG file \(path) has an unknown key \"\(key)\"; known keys: "
                        + (Setting.allCases.map(\.jsonKey) + ["severities", "rules"]).joined(separator: ", "))
            }
            try set(setting, try Self.text(of: value, key: key, path: path, boolean: setting.isBooleanFlag), key: key)
        }
    }

    /// Stores `text` for `setting`, refusing a second key for the same setting (`maxWaitingJobs` and
    /// `rules.waitingJobs.threshold`).
    mutating func set(_ setting: Setting, _ text: String, key: String) throws {
        if let earlier = keys[setting] {
            throw MonitoringError(
                .invalidConfiguration,
                "MONITORING_CONFIG file \(path) sets \(setting.jsonKey) twice, as \"\(earlier)\" and \"\(key)\": keep one"
            )
        }
        values[setting] = text
        keys[setting] = key
    }

    /// The raw text of `setting` and where it came from, if the file sets it.
    func value(for setting: Setting) -> (String, String)? {
        values[setting].map { ("MONITORING_CONFIG file \(path) key \"\(keys[setting] ?? setting.jsonKey)\"", $0) }
    }

    static func text(of value: Any, key: String, path: String, boolean: Bool) throws -> String {
        switch value {
        case let string as String: return string
        case let number as NSNumber:
            // JSON true/false arrive as NSNumber too; only a boolean setting (`demo`) takes them.
            guard String(cString: number.objCType) == "c" else { return number.stringValue }
            if boolean { return number.boolValue ? "true" : "false" }
        case let array as [Any]:
            let strings = array.compactMap { $0 as? String }
            if strings.count == array.count { return strings.joined(separator: ",") }
        default: break
        }
        throw MonitoringError(
            .invalidConfiguration,
            "MONITORING_CONFIG file \(path) key \"\(key)\" must be a string or a number"
                + (boolean ? " or a boolean" : ""))
    }

    static func severities(_ value: Any, path: String) throws -> [AlertRule: AlertSeverity] {
        guard let object = value as? [String: Any] else {
            throw MonitoringError(
                .invalidConfiguration,
                "MONITORING_CONFIG file \(path) key \"severities\" must be an object like {\"maxStalledJobs\": \"critical\"}"
            )
        }
        var result: [AlertRule: AlertSeverity] = [:]
        for (key, raw) in object {
            guard let rule = AlertRule(rawValue: key) else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "MONITORING_CONFIG file \(path) severities has an unknown rule \"\(key)\"; rules: "
                        + AlertRule.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let text = raw as? String, let severity = AlertSeverity(rawValue: text) else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "MONITORING_CONFIG file \(path) severities.\(key) must be one of: info, warning, critical; got \(raw)"
                )
            }
            result[rule] = severity
        }
        return result
    }
}
