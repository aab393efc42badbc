/// How one kind of receiver wants a notification: the body and headers of the POST. The one interface of the
/// delivery sinks (``AlertmanagerFormat``, ``WebhookFormat``, ``SlackFormat``); the queue, retries and transport are
/// ``DeliverySink``'s, the same for every format.
public protocol DeliveryFormat: Sendable {
    /// The sink's name in logs and `/metrics` (`alertmanager`, `webhook`, `slack`).
    var name: String { get }
    /// Re-post every firing alert this often (Alertmanager resolves an alert not re-sent within its
    /// `resolve_timeout`), or nil to send each transition once.
    var resendInterval: Duration? { get }
    /// The request for `notification`; throws only if encoding fails (never for valid alerts).
    func request(for notification: AlertNotification) throws -> DeliveryRequest
}
