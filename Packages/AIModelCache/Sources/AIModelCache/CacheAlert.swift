/// An alert raised from a telemetry snapshot; names the cache, the measured value and the threshold.
public struct CacheAlert: Codable, Sendable, Equatable {
    /// How serious the alert is (the health model in docs/architecture.md).
    public enum Severity: String, Codable, Sendable, Comparable {
        /// Listed and logged; no change to health (a full cache is normal).
        case info
        /// Makes the system `degraded`.
        case warning
        /// Makes the system `unhealthy`.
        case critical

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        /// Orders `info < warning < critical`.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Which rule fired.
    public enum Rule: String, Codable, Sendable {
        /// Utilisation above the threshold (percent).
        case utilization
        /// Hit rate below the threshold (percent) after enough loads.
        case hitRate
        /// Process total estimated memory above the threshold (MB).
        case memory
    }

    /// Which rule fired.
    public var rule: Rule
    /// How serious it is.
    public var severity: Severity
    /// The cache's name, or `process` for the memory rule.
    public var cache: String
    /// The measured value, in the rule's unit (percent or MB).
    public var value: Double
    /// The threshold it crossed, same unit.
    public var threshold: Double
    /// A sentence for operators.
    public var message: String
}
