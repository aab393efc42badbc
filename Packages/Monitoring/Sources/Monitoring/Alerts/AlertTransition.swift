/// An alert firing, re-notified while firing, or resolving: the unit every ``AlertSink`` receives. A key entering
/// `pending` or `unknown` is no transition (nothing to notify; the API shows the state, health the outage).
public struct AlertTransition: Sendable, Equatable {
    /// Which way it went.
    public enum Kind: String, Sendable, Codable {
        /// The threshold was crossed (for the rule's `for`, outside any cooldown).
        case fired
        /// Still firing after the rule's repeat interval: a reminder.
        case repeated
        /// The value came back inside the resolve threshold (or its subject disappeared).
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
