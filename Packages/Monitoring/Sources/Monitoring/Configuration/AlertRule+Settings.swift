import CommandLineArguments
import Essentials

extension AlertRule {
    /// The rule's name under `rules.` in `MONITORING_CONFIG`: `waitingJobs`, `failedRate`, `stalledJobs`,
    /// `noWorkers`, `redisLatency`, `cacheUtilization`, `cacheHitRate`, `cacheMemory`.
    public var configName: String {
        switch self {
        case .maxWaitingJobs: "waitingJobs"
        case .maxFailedRate: "failedRate"
        case .maxStalledJobs: "stalledJobs"
        case .maxRedisLatency: "redisLatency"
        case .noWorkers, .cacheUtilization, .cacheHitRate, .cacheMemory: rawValue
        }
    }

    /// The rule named `name` in `MONITORING_CONFIG`: its ``configName`` or its alert name (`maxWaitingJobs`).
    public init?(configName name: String) {
        guard let rule = Self.allCases.first(where: { $0.configName == name || $0.rawValue == name }) else {
            return nil
        }
        self = rule
    }

    /// True for the one rule that fires below its threshold (`cacheHitRate`); the others fire above it.
    public var isLowerBound: Bool { self == .cacheHitRate }

    /// The setting that holds the rule-wide firing threshold (`rules.<rule>.threshold` sets it); nil for
    /// `noWorkers`, whose condition is "ready jobs and no worker" and whose setting is its `for`.
    var thresholdSetting: Setting? {
        switch self {
        case .maxWaitingJobs: .maxWaitingJobs
        case .maxFailedRate: .maxFailedRate
        case .maxStalledJobs: .maxStalledJobs
        case .maxRedisLatency: .maxRedisLatency
        case .cacheUtilization: .cacheUtilizationAlert
        case .cacheHitRate: .cacheMinHitRate
        case .cacheMemory: .memoryAlertMB
        case .noWorkers: nil
        }
    }

    /// Parses a threshold written in the syntax of ``thresholdSetting`` into the unit of the alert's `value`: jobs,
    /// a ratio (`0.05` or `5%`), ms (`50` or `50ms`), percent for the cache ratios (`0.8` or `80%` → 80), MB.
    func level(from text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        switch self {
        case .maxWaitingJobs, .maxStalledJobs: return Int(trimmed).map(Double.init)
        case .maxFailedRate: return MonitoringConfiguration.ratio(trimmed)
        case .maxRedisLatency: return DurationText.parse(trimmed)?.fractionalMilliseconds
        case .cacheUtilization, .cacheHitRate:
            // `55%` is 55 exactly; a ratio is scaled (0.55 × 100 is not exactly 55 in binary).
            if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()), percent.isFinite { return percent }
            return MonitoringConfiguration.ratio(trimmed).map { ($0 * 100 * 1e9).rounded() / 1e9 }
        case .cacheMemory: return Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
        case .noWorkers: return nil
        }
    }

    /// How ``level(from:)`` expects a threshold, for messages.
    var levelSyntax: String {
        switch self {
        case .maxWaitingJobs, .maxStalledJobs: "a whole number of jobs, e.g. 50"
        case .maxFailedRate: "a ratio or a percentage, e.g. 0.05 or 5%"
        case .maxRedisLatency: "a duration in ms or with a unit, e.g. 50 or 50ms"
        case .cacheUtilization, .cacheHitRate: "a ratio or a percentage, e.g. 0.8 or 80%"
        case .cacheMemory: "a number of MB, e.g. 1536"
        case .noWorkers: "no threshold"
        }
    }

    /// True when `value` is beyond `threshold` in the rule's direction (above; below for ``isLowerBound``).
    func isBeyond(_ value: Double, _ threshold: Double) -> Bool {
        isLowerBound ? value < threshold : value > threshold
    }
}
