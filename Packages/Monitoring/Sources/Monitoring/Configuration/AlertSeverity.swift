/// How serious an alert is, per the health model in docs/architecture.md: `info` is listed and logged but
/// leaves health alone; `warning` makes the system `degraded`; `critical` makes it `unhealthy`.
///
/// Ordered `info < warning < critical`; the raw value is the JSON and log form.
public enum AlertSeverity: String, Codable, Sendable, Comparable {
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
    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool { lhs.rank < rhs.rank }
}
