/// The health model (docs/architecture.md), one everywhere: API, maxctl, alerts. Ordered `healthy < degraded < unhealthy`.
public enum HealthStatus: String, Codable, Sendable, Comparable, CaseIterable {
    /// Every component reachable, no warning: HTTP 200, `maxctl health` exit 0.
    case healthy
    /// Reachable, but a `warning` alert fires: HTTP 200, exit 1.
    case degraded
    /// A component cannot be measured, or a `critical` alert fires: HTTP 503, exit 2.
    case unhealthy

    private var rank: Int {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .unhealthy: 2
        }
    }

    /// Orders `healthy < degraded < unhealthy`.
    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rank < rhs.rank }

    /// The status `/api/monitoring/system-health` answers with: 200, 200, 503.
    public var httpStatus: Int { self == .unhealthy ? 503 : 200 }

    /// `maxctl health`'s exit code (monitoring-plugin convention): 0, 1, 2. (3, unknown, is maxctl's own.)
    public var exitCode: Int32 {
        switch self {
        case .healthy: 0
        case .degraded: 1
        case .unhealthy: 2
        }
    }

    /// The status the given alerts imply: `critical` → unhealthy, `warning` → degraded, `info` or none → healthy.
    public static func implied(by alerts: [Alert]) -> HealthStatus {
        switch alerts.map(\.severity).max() {
        case .critical: .unhealthy
        case .warning: .degraded
        case .info, nil: .healthy
        }
    }
}
