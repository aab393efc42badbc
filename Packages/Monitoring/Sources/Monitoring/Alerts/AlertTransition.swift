/// An alert starting or stopping, the unit every ``AlertSink`` receives.
public struct AlertTransition: Sendable, Equatable {
    /// Which way it went.
    public enum Kind: String, Sendable, Codable {
        /// The threshold was crossed.
        case fired
        /// The threshold is no longer crossed (or its subject disappeared).
        case resolved
    }

    /// Which way it went.
    public var kind: Kind
    /// The alert; on `resolved`, with the value that cleared it.
    public var alert: Alert
    /// When the transition was observed, ms since 1970.
    public var timeMs: Int64

    /// Creates a transition.
    public init(kind: Kind, alert: Alert, timeMs: Int64) {
        self.kind = kind
        self.alert = alert
        self.timeMs = timeMs
    }
}
