/// A Slack-compatible incoming webhook (`ALERT_SLACK_WEBHOOK_URL`): `{"text": …}` with a status emoji, the rule, the
/// subject, the value against the threshold, the message and a link to the dashboard.
public struct SlackFormat: DeliveryFormat {
    /// `slack`.
    public let name = "slack"
    /// Nil: each transition is sent once.
    public let resendInterval: Duration? = nil

    /// Creates the format.
    public init() {}

    struct Body: Encodable {
        let text: String
    }

    /// The one-line text, e.g. `:rotating_light: *FIRING* [warning] maxWaitingJobs on email: 25 > 20 — … <url|dashboard>`.
    public func request(for notification: AlertNotification) throws -> DeliveryRequest {
        let alert = notification.alert
        let status =
            switch notification.kind {
            case .fired: ":rotating_light: *FIRING*"
            case .repeated: ":repeat: *STILL FIRING*"
            case .resolved: ":white_check_mark: *RESOLVED*"
            }
        let comparison = alert.alert.isLowerBound ? "<" : ">"
        let relation =
            notification.status == .firing
            ? "\(AlertNotification.number(alert.value)) \(comparison) \(AlertNotification.number(alert.threshold))"
            : "\(AlertNotification.number(alert.value)) (threshold \(AlertNotification.number(alert.threshold)))"
        let text =
            "\(status) [\(alert.severity.rawValue)] \(alert.alert.rawValue) on \(alert.subject): \(relation)"
            + " — \(alert.message) <\(notification.generatorURL)|dashboard>"
        let body = try MonitoringJSON.makeEncoder().encode(Body(text: text))
        return DeliveryRequest(body: Array(body), idempotencyKey: notification.idempotencyKey)
    }
}
