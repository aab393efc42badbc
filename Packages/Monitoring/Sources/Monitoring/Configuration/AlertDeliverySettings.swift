import Foundation

/// Where monitoring-api delivers alert transitions, each sink optional and independent: Alertmanager (every
/// severity; routing is its job), a generic signed webhook and a Slack-compatible webhook (``minimumSeverity`` and
/// above).
public struct AlertDeliverySettings: Sendable, Equatable {
    /// Alertmanager's base URL (`ALERTMANAGER_URL`, e.g. `http://127.0.0.1:9093`); alerts go to `/api/v2/alerts`
    /// under it. Default nil (off).
    public var alertmanagerURL: String?
    /// The address people reach the server at (`EXTERNAL_URL`), the alerts' `generatorURL` and links. Default nil:
    /// `http://<HOST>:<PORT>` (``MonitoringConfiguration/externalURL``).
    public var externalURL: String?
    /// The generic webhook (`ALERT_WEBHOOK_URL`). Default nil (off).
    public var webhookURL: String?
    /// The key the webhook's bodies are signed with (`ALERT_WEBHOOK_SECRET`). Default nil (unsigned). Never logged.
    public var webhookSecret: String?
    /// The Slack-compatible incoming webhook (`ALERT_SLACK_WEBHOOK_URL`). Default nil (off).
    public var slackWebhookURL: String?
    /// The least severe alert the webhook and Slack get (`ALERT_MIN_SEVERITY`). Default `warning`.
    public var minimumSeverity: AlertSeverity

    /// Creates settings; every parameter defaults to the documented value.
    public init(
        alertmanagerURL: String? = nil, externalURL: String? = nil, webhookURL: String? = nil,
        webhookSecret: String? = nil, slackWebhookURL: String? = nil, minimumSeverity: AlertSeverity = .warning
    ) {
        self.alertmanagerURL = alertmanagerURL
        self.externalURL = externalURL
        self.webhookURL = webhookURL
        self.webhookSecret = webhookSecret
        self.slackWebhookURL = slackWebhookURL
        self.minimumSeverity = minimumSeverity
    }

    /// Throws ``MonitoringError/Code/invalidConfiguration`` naming the variable and flag when a URL is not
    /// `http(s)://host…` or a secret is set without its webhook; messages show URLs redacted, never a secret.
    public func validate() throws {
        let urls: [(Setting, String?, Bool)] = [
            (.alertmanagerURL, alertmanagerURL, true), (.externalURL, externalURL, true),
            (.alertWebhookURL, webhookURL, true), (.alertSlackWebhookURL, slackWebhookURL, false),
        ]
        for (setting, url, keepPath) in urls {
            guard let url else { continue }
            guard let components = URLComponents(string: url),
                let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = components.host, !host.isEmpty
            else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "\(setting.environmentName) (--\(setting.flagNames[0])) must be an http:// or https:// URL "
                        + "with a host, e.g. http://127.0.0.1:9093; got \(Self.shown(url, keepPath: keepPath))")
            }
        }
        if let webhookSecret {
            guard webhookURL != nil else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "\(Setting.alertWebhookSecret.environmentName) is set but \(Setting.alertWebhookURL.environmentName)"
                        + " is not: set the webhook URL too, or leave the secret unset")
            }
            guard !webhookSecret.isEmpty, !webhookSecret.contains(where: \.isNewline) else {
                throw MonitoringError(
                    .invalidConfiguration,
                    "\(Setting.alertWebhookSecret.environmentName) (--\(Setting.alertWebhookSecret.flagNames[0])) "
                        + "must be a non-empty secret without newlines; got one of \(webhookSecret.count) characters")
            }
        }
    }

    /// A URL in an error: redacted when it parses, else only its length (it may hold a secret).
    private static func shown(_ url: String, keepPath: Bool) -> String {
        let redacted = URLRedaction.redacted(url, keepPath: keepPath)
        return redacted == "<invalid URL>" ? "a value of \(url.count) characters that is not a URL" : "\"\(redacted)\""
    }
}
