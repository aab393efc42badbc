/// The minimum level of log lines written (`LOG_LEVEL`, default `info`); ordered `debug < info < warning < error`.
public enum LogLevel: String, Codable, Sendable, Comparable, CaseIterable {
    /// Everything, including each collection.
    case debug
    /// Normal operation: start-up, discovery, alert transitions.
    case info
    /// Alerts and recoverable failures only.
    case warning
    /// Failures only.
    case error

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    /// Orders `debug < info < warning < error`.
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}
