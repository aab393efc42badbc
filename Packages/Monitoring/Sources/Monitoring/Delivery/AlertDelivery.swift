/// The delivery sinks ``AlertDeliverySettings`` turns on: Alertmanager (every severity), the signed webhook and Slack
/// (``AlertDeliverySettings/minimumSeverity`` and above), each with its own queue. The app adds ``sinks`` to its
/// ``AlertFanOut``, ``statistics`` to `/metrics`, and calls ``shutdown(deadline:)`` when stopping.
public struct AlertDelivery: Sendable {
    /// The sinks turned on, in the order Alertmanager, webhook, Slack.
    public let sinks: [DeliverySink]

    /// Builds the sinks of `configuration.delivery` (none when nothing is set); throws when a transport cannot start.
    ///
    /// - Parameters:
    ///   - configuration: the delivery settings and ``MonitoringConfiguration/externalURL``.
    ///   - queue: capacity, retries and timeout of each sink's queue.
    ///   - alertmanagerResend: how often firing alerts are re-posted to Alertmanager (default 60 s).
    ///   - logger: delivery failures and drops.
    public init(
        configuration: MonitoringConfiguration, queue: DeliveryQueue.Configuration = DeliveryQueue.Configuration(),
        alertmanagerResend: Duration = .seconds(60), logger: StructuredLogger
    ) throws {
        let settings = configuration.delivery
        let external = configuration.externalURL
        var sinks: [DeliverySink] = []
        if let base = settings.alertmanagerURL {
            let root = base.hasSuffix("/") ? String(base.dropLast()) : base
            sinks.append(
                try DeliverySink(
                    format: AlertmanagerFormat(resendInterval: alertmanagerResend), url: root + "/api/v2/alerts",
                    minimumSeverity: .info, externalURL: external, configuration: queue, logger: logger))
        }
        if let url = settings.webhookURL {
            sinks.append(
                try DeliverySink(
                    format: WebhookFormat(secret: settings.webhookSecret), url: url,
                    minimumSeverity: settings.minimumSeverity, externalURL: external, configuration: queue,
                    logger: logger))
        }
        if let url = settings.slackWebhookURL {
            // Slack's incoming webhook URLs carry their secret in the path.
            sinks.append(
                try DeliverySink(
                    format: SlackFormat(), url: url, redactedURL: URLRedaction.redacted(url, keepPath: false),
                    minimumSeverity: settings.minimumSeverity, externalURL: external, configuration: queue,
                    logger: logger))
        }
        self.sinks = sinks
    }

    /// Every sink's counters, in ``sinks`` order.
    public var statistics: [DeliveryStatistics] { sinks.map(\.statistics) }

    /// Stops every sink, each draining its queue until `deadline`; the sinks stop in parallel.
    public func shutdown(deadline: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            for sink in sinks { group.addTask { await sink.shutdown(deadline: deadline) } }
        }
    }
}
