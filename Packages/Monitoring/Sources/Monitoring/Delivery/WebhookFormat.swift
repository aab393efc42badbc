import Essentials

/// The generic webhook (`ALERT_WEBHOOK_URL`): one JSON object per transition, documented in docs/alerting.md, with
/// `Idempotency-Key: <key>` and, when a secret is set, `X-MaxBooster-Signature: sha256=<hex>`, the HMAC-SHA-256 of the
/// exact body bytes under the secret.
///
/// Body: `version` (1), `status` (`firing`, `resolved`), `kind` (`fired`, `repeated`, `resolved`), `alert`,
/// `subject`, `severity`, `value`, `threshold`, `message`, `startsAt`, `endsAt` (null while firing), `time`,
/// `labels`, `idempotencyKey`, `generatorURL`; keys sorted.
public struct WebhookFormat: DeliveryFormat {
    /// The signature header's name.
    public static let signatureHeader = "X-MaxBooster-Signature"

    /// `webhook`.
    public let name = "webhook"
    /// Nil: each transition is sent once.
    public let resendInterval: Duration? = nil
    private let secret: [UInt8]?

    /// Creates the format; with `secret`, every request is signed. The secret is never logged.
    public init(secret: String?) {
        self.secret = secret.map { Array($0.utf8) }
    }

    struct Body: Encodable {
        let version = 1
        let status: AlertNotification.Status
        let kind: AlertTransition.Kind
        let alert: String
        let subject: String
        let severity: AlertSeverity
        let value: Double
        let threshold: Double
        let message: String
        let startsAt: String
        let endsAt: NullableTimestamp
        let time: String
        let labels: [String: String]
        let idempotencyKey: String
        let generatorURL: String
    }

    /// A timestamp written as `null` when absent (synthesized coding would leave the key out).
    struct NullableTimestamp: Encodable {
        let text: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let text { try container.encode(text) } else { try container.encodeNil() }
        }
    }

    /// The body, `Idempotency-Key`, and the signature when a secret is set.
    public func request(for notification: AlertNotification) throws -> DeliveryRequest {
        let alert = notification.alert
        let body = Array(
            try MonitoringJSON.makeEncoder().encode(
                Body(
                    status: notification.status, kind: notification.kind, alert: alert.alert.rawValue,
                    subject: alert.subject, severity: alert.severity, value: alert.value, threshold: alert.threshold,
                    message: alert.message, startsAt: MonitoringJSON.timestamp(milliseconds: notification.startsAtMs),
                    endsAt: NullableTimestamp(
                        text: notification.endsAtMs.map { MonitoringJSON.timestamp(milliseconds: $0) }),
                    time: MonitoringJSON.timestamp(milliseconds: notification.timeMs), labels: notification.labels,
                    idempotencyKey: notification.idempotencyKey, generatorURL: notification.generatorURL)))
        var headers: [(name: String, value: String)] = [("Idempotency-Key", notification.idempotencyKey)]
        if let secret { headers.append((Self.signatureHeader, Self.signature(of: body, secret: secret))) }
        return DeliveryRequest(body: body, headers: headers, idempotencyKey: notification.idempotencyKey)
    }

    /// `sha256=<lowercase hex HMAC-SHA-256 of body under secret>`: what a receiver recomputes and compares.
    public static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        "sha256=" + HMACSHA256.authenticationCode(for: body, key: secret).lowercaseHex
    }
}
