/// A delivery sink's counters since start, for `/metrics` (`maxbooster_alert_notifications_total{sink,outcome}`,
/// `maxbooster_alert_delivery_queue_depth{sink}`).
public struct DeliveryStatistics: Sendable, Equatable {
    /// The sink (`alertmanager`, `webhook`, `slack`).
    public var sink: String
    /// Notifications the receiver accepted (2xx).
    public var sent: Int = 0
    /// Notifications given up on: refused (4xx) or still failing after the last attempt.
    public var failed: Int = 0
    /// Notifications dropped because the queue was full (or the sink had stopped).
    public var dropped: Int = 0
    /// Attempts after the first (each retry counts once).
    public var retried: Int = 0
    /// Notifications waiting in the queue now (the one being sent not included).
    public var depth: Int = 0

    /// Zero counters for `sink`.
    public init(sink: String) {
        self.sink = sink
    }
}
