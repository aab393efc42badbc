/// Alertmanager's v2 API (`POST /api/v2/alerts`, a JSON array): labels (``AlertNotification/labels``), annotations
/// (`summary` with the value, `description`), `startsAt`, `endsAt` on resolve, `generatorURL`.
///
/// Alertmanager ends an alert that is not re-sent within its `resolve_timeout` (default 5 m), so firing alerts are
/// re-posted every ``resendInterval`` (default 1 m, as Prometheus does) until they resolve.
public struct AlertmanagerFormat: DeliveryFormat {
    /// `alertmanager`.
    public let name = "alertmanager"
    /// How often firing alerts are re-posted. Default 60 s.
    public let resendInterval: Duration?

    /// Creates the format; `resendInterval` must stay well under Alertmanager's `resolve_timeout`.
    public init(resendInterval: Duration = .seconds(60)) {
        self.resendInterval = resendInterval
    }

    /// One alert of the v2 API's `postableAlerts`.
    struct PostableAlert: Encodable {
        let labels: [String: String]
        let annotations: [String: String]
        let startsAt: String
        let endsAt: String?
        let generatorURL: String
    }

    /// A one-alert array; `endsAt` only on resolve.
    public func request(for notification: AlertNotification) throws -> DeliveryRequest {
        let alert = PostableAlert(
            labels: notification.labels, annotations: notification.annotations,
            startsAt: MonitoringJSON.timestamp(milliseconds: notification.startsAtMs),
            endsAt: notification.endsAtMs.map { MonitoringJSON.timestamp(milliseconds: $0) },
            generatorURL: notification.generatorURL)
        let body = try MonitoringJSON.makeEncoder().encode([alert])
        return DeliveryRequest(body: Array(body), idempotencyKey: notification.idempotencyKey)
    }
}
