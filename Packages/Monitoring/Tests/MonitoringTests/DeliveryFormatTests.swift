import Essentials
import Foundation
import XCTest

@testable import Monitoring

/// The notification, the three formats, the retry policy and the delivery settings, in memory.
final class DeliveryFormatTests: XCTestCase {
    private let alert = Alert(
        alert: .maxWaitingJobs, subject: "email", severity: .warning, value: 25, threshold: 20,
        message: "25 jobs waiting", sinceMs: 1_700_000_000_000)

    func testIdempotencyKeyIsStablePerEpisodeAndKindAndRepeatsAddTheirTime() {
        let fired = AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 1), externalURL: "http://x")
        let again = AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 2), externalURL: "http://x")
        let repeated = AlertNotification(AlertTransition(kind: .repeated, alert: alert, timeMs: 7), externalURL: "")
        let resolved = AlertNotification(AlertTransition(kind: .resolved, alert: alert, timeMs: 9), externalURL: "")
        XCTAssertEqual(fired.idempotencyKey, "maxWaitingJobs/email/1700000000000/fired")
        XCTAssertEqual(fired.idempotencyKey, again.idempotencyKey)
        XCTAssertEqual(repeated.idempotencyKey, "maxWaitingJobs/email/1700000000000/repeated/7")
        XCTAssertEqual(resolved.idempotencyKey, "maxWaitingJobs/email/1700000000000/resolved")
        XCTAssertEqual(resolved.status, .resolved)
        XCTAssertEqual(resolved.endsAtMs, 9)
        XCTAssertNil(fired.endsAtMs)
        XCTAssertEqual(fired.generatorURL, "http://x/")
        XCTAssertEqual(
            fired.labels,
            ["alertname": "maxWaitingJobs", "severity": "warning", "queue": "email", "service": "maxbooster"])
        XCTAssertEqual(fired.annotations["summary"], "maxWaitingJobs on email: value 25 (threshold 20)")
    }

    func testAlertmanagerBodyIsAnArrayWithLabelsAnnotationsAndEndsAtOnlyOnResolve() throws {
        let format = AlertmanagerFormat()
        let firing = try format.request(
            for: AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 5), externalURL: "http://d:1"))
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(firing.body)) as? [[String: Any]])
        XCTAssertEqual(array.count, 1)
        XCTAssertEqual(array[0]["labels"] as? [String: String], firing.labelsForTest(alert))
        XCTAssertEqual(array[0]["startsAt"] as? String, "2023-11-14T22:13:20.000Z")
        XCTAssertNil(array[0]["endsAt"])
        XCTAssertEqual(array[0]["generatorURL"] as? String, "http://d:1/")
        let resolved = try format.request(
            for: AlertNotification(
                AlertTransition(kind: .resolved, alert: alert, timeMs: 1_700_000_060_000), externalURL: "http://d:1"))
        let ended = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(resolved.body)) as? [[String: Any]])
        XCTAssertEqual(ended[0]["endsAt"] as? String, "2023-11-14T22:14:20.000Z")
    }

    func testWebhookBodyHasTheDocumentedFieldsAndASignatureOverTheExactBytes() throws {
        let request = try WebhookFormat(secret: "s3cret").request(
            for: AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 5), externalURL: "http://d"))
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        XCTAssertEqual(
            Set(body.keys),
            [
                "version", "status", "kind", "alert", "subject", "severity", "value", "threshold", "message",
                "startsAt",
                "endsAt", "time", "labels", "idempotencyKey", "generatorURL",
            ])
        XCTAssertEqual(body["status"] as? String, "firing")
        XCTAssertTrue(body["endsAt"] is NSNull)
        XCTAssertEqual(body["value"] as? Double, 25)
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        XCTAssertEqual(headers["Idempotency-Key"], "maxWaitingJobs/email/1700000000000/fired")
        let expected =
            "sha256=" + HMACSHA256.authenticationCode(for: request.body, key: Array("s3cret".utf8)).lowercaseHex
        XCTAssertEqual(headers[WebhookFormat.signatureHeader], expected)
        let unsigned = try WebhookFormat(secret: nil).request(
            for: AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 5), externalURL: "http://d"))
        XCTAssertFalse(unsigned.headers.contains { $0.name == WebhookFormat.signatureHeader })
    }

    func testSlackTextNamesStatusRuleSubjectValueThresholdAndLink() throws {
        let request = try SlackFormat().request(
            for: AlertNotification(AlertTransition(kind: .fired, alert: alert, timeMs: 5), externalURL: "http://d"))
        let body = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
        XCTAssertEqual(
            body["text"],
            ":rotating_light: *FIRING* [warning] maxWaitingJobs on email: 25 > 20 — 25 jobs waiting <http://d/|dashboard>"
        )
        let resolved = try SlackFormat().request(
            for: AlertNotification(AlertTransition(kind: .resolved, alert: alert, timeMs: 5), externalURL: "http://d"))
        XCTAssertTrue(String(decoding: resolved.body, as: UTF8.self).contains(":white_check_mark: *RESOLVED*"))
    }

    func testRetryBacksOffExponentiallyUpToItsCapAndStopsAfterTheLastAttempt() {
        let retry = DeliveryRetry(maxAttempts: 6, initialDelay: .seconds(1), maxDelay: .seconds(5))
        XCTAssertEqual(
            (1...6).map { retry.delay(afterAttempt: $0) },
            [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5), nil])
        XCTAssertTrue(DeliveryRetry.isRetryable(status: 503))
        XCTAssertTrue(DeliveryRetry.isRetryable(status: 429))
        XCTAssertFalse(DeliveryRetry.isRetryable(status: 400))
    }

    func testDeliverySettingsAreReadAndBadOnesNamedWithoutShowingSecrets() throws {
        let configuration = try MonitoringConfiguration.load(environment: [
            "ALERTMANAGER_URL": "http://127.0.0.1:9093", "ALERT_WEBHOOK_URL": "https://hooks.example/alerts",
            "ALERT_WEBHOOK_SECRET": "s3cret", "ALERT_SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/X",
            "ALERT_MIN_SEVERITY": "CRITICAL", "PORT": "8080",
        ])
        XCTAssertEqual(configuration.delivery.alertmanagerURL, "http://127.0.0.1:9093")
        XCTAssertEqual(configuration.delivery.webhookSecret, "s3cret")
        XCTAssertEqual(configuration.delivery.minimumSeverity, .critical)
        XCTAssertEqual(configuration.externalURL, "http://127.0.0.1:8080")
        XCTAssertEqual(
            try MonitoringConfiguration.load(flags: ["external-url": "https://ops.example"], environment: [:])
                .externalURL, "https://ops.example")
        XCTAssertEqual(try MonitoringConfiguration.load(environment: [:]).delivery.minimumSeverity, .warning)
        let cases: [([String: String], String)] = [
            (["ALERTMANAGER_URL": "ftp://h"], "ALERTMANAGER_URL (--alertmanager-url) must be an http:// or https://"),
            (["ALERT_WEBHOOK_URL": "http://"], "ALERT_WEBHOOK_URL (--alert-webhook-url) must be"),
            (["ALERT_SLACK_WEBHOOK_URL": "hooks.slack.com/x"], "ALERT_SLACK_WEBHOOK_URL"),
            (["EXTERNAL_URL": "dashboard"], "EXTERNAL_URL"),
            (["ALERT_WEBHOOK_SECRET": "s3cret"], "ALERT_WEBHOOK_SECRET is set but ALERT_WEBHOOK_URL is not"),
            (["ALERT_MIN_SEVERITY": "loud"], "ALERT_MIN_SEVERITY must be one of: info, warning, critical"),
        ]
        for (environment, expected) in cases {
            XCTAssertThrowsError(try MonitoringConfiguration.load(environment: environment), "\(environment)") {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
                XCTAssertFalse("\($0)".contains("s3cret"), "\($0)")
            }
        }
        XCTAssertThrowsError(
            try MonitoringConfiguration.load(environment: [
                "ALERT_SLACK_WEBHOOK_URL": "ftp://hooks.slack.com/T/B/XSECRET"
            ])
        ) { XCTAssertFalse("\($0)".contains("XSECRET"), "\($0)") }
    }

    func testRedactionDropsCredentialsQueryAndOnRequestThePath() {
        XCTAssertEqual(URLRedaction.redacted("http://u:p@h:9/a/b?token=x"), "http://h:9/a/b")
        XCTAssertEqual(
            URLRedaction.redacted("https://hooks.slack.com/services/T/B/X", keepPath: false),
            "https://hooks.slack.com/…")
    }
}

extension DeliveryRequest {
    fileprivate func labelsForTest(_ alert: Alert) -> [String: String] {
        [
            "alertname": alert.alert.rawValue, "severity": alert.severity.rawValue, "queue": alert.subject,
            "service": "maxbooster",
        ]
    }
}
