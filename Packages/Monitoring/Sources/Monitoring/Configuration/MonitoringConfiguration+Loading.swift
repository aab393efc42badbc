import CommandLineArguments
import Foundation

extension MonitoringConfiguration {
    /// The flag and variable that name the JSON configuration file.
    public static let configFileFlag = "config"
    /// The environment variable that names the JSON configuration file.
    public static let configFileVariable = "MONITORING_CONFIG"

    /// Reads every setting with the precedence flag > environment > `MONITORING_CONFIG` file >
    /// `ALERT_PROFILE` > defaults, then validates.
    ///
    /// - Parameters:
    ///   - flags: flag name (with or without `--`) → value, as the app's argument parser collected them
    ///     (a bare boolean flag such as `--demo` as `"1"`); `config` names the JSON file too. Unknown flags
    ///     are ignored (the app owns its other flags).
    ///   - environment: the process environment as the app passes it (or a test's dictionary); empty values
    ///     count as unset. This package never reads the environment itself.
    ///   - readFile: reads the JSON file (injectable for tests). Blocking file I/O: call at start-up.
    /// - Throws: ``MonitoringError/Code/invalidConfiguration`` naming the flag, variable or file key and
    ///   the bad value.
    public static func load(
        flags: [String: String] = [:], environment: [String: String],
        readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    ) throws -> MonitoringConfiguration {
        let flags = Dictionary(
            flags.map { (String($0.key.drop(while: { $0 == "-" })), $0.value) }, uniquingKeysWith: { _, last in last })
        let environment = environment.filter { !$0.value.isEmpty }
        var configuration = MonitoringConfiguration()

        let flagLayer = Layer(kind: .flag) { setting in
            setting.flagNames.lazy.compactMap { name in flags[name].map { ("flag --\(name)", $0) } }.first
        }
        let environmentLayer = Layer(kind: .environment) { setting in
            environment[setting.environmentName].map { ("environment variable \(setting.environmentName)", $0) }
        }
        var fileLayer = Layer(kind: .file) { _ in nil }
        var fileRules: [AlertRule: AlertRuleSettings] = [:]
        if let path = flags[configFileFlag] ?? environment[configFileVariable] {
            let data: Data
            do {
                data = try readFile(path)
            } catch {
                let source = flags[configFileFlag] != nil ? "flag --\(configFileFlag)" : configFileVariable
                throw MonitoringError(
                    .invalidConfiguration,
                    "the configuration file \(path) (\(source)) cannot be read: \(Self.reason(reading: path, error)); "
                        + "fix the path or leave \(source) unset")
            }
            let file = try ConfigurationFile(path: path, data: data)
            fileLayer = Layer(kind: .file, lookup: file.value(for:))
            configuration.severities = file.severities
            configuration.queueRules = file.queueRules
            fileRules = file.rules
            configuration.configFile = path
        }

        // The profile sits under every explicit setting, so it is resolved and applied first.
        let layers = [flagLayer, environmentLayer, fileLayer]
        if let (source, text) = layers.lazy.compactMap({ $0.lookup(.alertProfile) }).first {
            guard let profile = AlertProfile(rawValue: text.trimmingWhitespace().lowercased()) else {
                throw invalid(source, text, "one of: default, production")
            }
            configuration.alertProfile = profile
        }
        configuration.alertProfile.apply(to: &configuration)
        for (rule, settings) in fileRules {
            configuration.rules[rule] = settings.merged(over: configuration.rules[rule])
        }
        for layer in layers.reversed() {
            for setting in Setting.allCases where setting != .alertProfile {
                guard let (source, text) = layer.lookup(setting) else { continue }
                try configuration.set(setting, text, source: source)
            }
        }
        // A profile's resolve threshold that an explicit threshold put on the wrong side falls back to the threshold;
        // one the file sets is validated instead.
        for rule in AlertRule.allCases where fileRules[rule]?.resolve == nil {
            if let resolve = configuration.rules[rule]?.resolve,
                rule.isBeyond(resolve, configuration.threshold(of: rule))
            {
                configuration.rules[rule]?.resolve = nil
            }
        }
        try configuration.validate()
        return configuration
    }

    /// One source of raw values; `lookup` returns (a description of where the value came from, the text).
    private struct Layer {
        enum Kind { case flag, environment, file }
        let kind: Kind
        let lookup: (Setting) -> (String, String)?
    }

    /// Why `path` could not be read, in plain words (Foundation's own error text names no path or cause).
    private static func reason(reading path: String, _ error: any Error) -> String {
        var isFolder: ObjCBool = false
        let files = FileManager.default
        if !files.fileExists(atPath: path, isDirectory: &isFolder) { return "no such file" }
        if isFolder.boolValue { return "it is a folder" }
        if !files.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }

    /// A ratio written as `0.05` or `5%`; nil when it is neither.
    static func ratio(_ trimmed: String) -> Double? {
        if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()), percent.isFinite { return percent / 100 }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    static func invalid(_ source: String, _ text: String, _ expected: String) -> MonitoringError {
        MonitoringError(.invalidConfiguration, "\(source) must be \(expected); got \"\(text)\"")
    }

    /// Parses `text` for `setting` and stores it; ranges are checked later by ``validate()``.
    private mutating func set(_ setting: Setting, _ text: String, source: String) throws {
        let trimmed = text.trimmingWhitespace()
        func integer(_ example: String) throws -> Int {
            guard let value = Int(trimmed) else { throw Self.invalid(source, text, "a whole number, e.g. \(example)") }
            return value
        }
        func number(_ example: String) throws -> Double {
            guard let value = Double(trimmed), value.isFinite else {
                throw Self.invalid(source, text, "a number, e.g. \(example)")
            }
            return value
        }
        func ratio(_ example: String) throws -> Double {
            guard let value = Self.ratio(trimmed) else {
                throw Self.invalid(source, text, "a ratio or a percentage, e.g. \(example)")
            }
            return value
        }
        func duration(_ example: String) throws -> Duration {
            guard let value = DurationText.parse(trimmed) else {
                throw Self.invalid(
                    source, text, "a duration in ms or with a unit (500ms, 30s, 10m, 24h), e.g. \(example)")
            }
            return value
        }
        switch setting {
        case .redisURL: redisURL = trimmed
        case .host: host = trimmed
        case .port: port = try integer("5000")
        case .queuePrefix: queuePrefix = trimmed
        case .queues:
            let names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingWhitespace()
            }
            queues = names
        case .monitorInterval: monitorInterval = try duration("30000 or 30s")
        case .metricsRetention: metricsRetention = try integer("100")
        case .maxWaitingJobs: thresholds.maxWaitingJobs = try integer("1000")
        case .maxFailedRate: thresholds.maxFailedRate = try ratio("0.1 or 10%")
        case .maxStalledJobs: thresholds.maxStalledJobs = try integer("10")
        case .maxRedisLatency: thresholds.maxRedisLatency = try duration("100 or 100ms")
        case .minFinishedForRate: thresholds.minFinishedForRate = try integer("20")
        case .noWorkerAlert: thresholds.noWorkerAlert = try duration("60000 or 60s")
        case .cacheUtilizationAlert: cacheAlerts.utilizationRatio = try ratio("0.9 or 90%")
        case .cacheMinHitRate: cacheAlerts.minHitRateRatio = try ratio("0.5 or 50%")
        case .cacheMinLoads: cacheAlerts.minLoads = try integer("20")
        case .memoryAlertMB: cacheAlerts.memoryAlertMB = try number("2048")
        case .apiToken: apiToken = text
        case .logLevel:
            guard let level = LogLevel(rawValue: trimmed.lowercased()) else {
                throw Self.invalid(source, text, "one of: debug, info, warning, error")
            }
            logLevel = level
        case .maxSocialModels: models.maxSocialModels = try integer("100")
        case .maxAdvertisingModels: models.maxAdvertisingModels = try integer("50")
        case .modelIdleTimeout: models.idleTimeout = try duration("1800000 or 30m")
        case .databaseURL:
            workers.databaseURL = trimmed
            alertHistory.databaseURL = trimmed
            audit.databaseURL = trimmed
        case .publishWebhookURL: workers.publishWebhookURL = trimmed.isEmpty ? nil : trimmed
        case .demo:
            switch trimmed.lowercased() {
            case "1", "true": workers.demo = true
            case "0", "false": workers.demo = false
            default: throw Self.invalid(source, text, "1 or true to turn it on, 0 or false to leave it off")
            }
        case .alertmanagerURL: delivery.alertmanagerURL = trimmed.isEmpty ? nil : trimmed
        case .externalURL: delivery.externalURL = trimmed.isEmpty ? nil : trimmed
        case .alertWebhookURL: delivery.webhookURL = trimmed.isEmpty ? nil : trimmed
        case .alertWebhookSecret: delivery.webhookSecret = text.isEmpty ? nil : text
        case .alertSlackWebhookURL: delivery.slackWebhookURL = trimmed.isEmpty ? nil : trimmed
        case .alertMinSeverity:
            guard let severity = AlertSeverity(rawValue: trimmed.lowercased()) else {
                throw Self.invalid(source, text, "one of: info, warning, critical")
            }
            delivery.minimumSeverity = severity
        case .alertHistoryDays: alertHistory.retentionDays = try integer("30")
        case .apiReadToken: apiReadToken = text
        case .auditRetentionDays: audit.retentionDays = try integer("90")
        case .alertProfile: break
        }
    }
}
