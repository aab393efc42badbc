import Synchronization

/// An ``AlertSink`` that delivers transitions over HTTP in one ``DeliveryFormat`` (Alertmanager, webhook, Slack),
/// through its own ``DeliveryQueue``: ``record(_:)`` encodes and queues, never waits for the network.
///
/// Transitions of alerts below ``minimumSeverity`` are skipped. When the format has a ``DeliveryFormat/resendInterval``
/// (Alertmanager), the sink keeps the firing alerts and queues each of them again every interval until it resolves.
public final class DeliverySink: AlertSink {
    /// How notifications are written.
    public let format: any DeliveryFormat
    /// The least severe alert delivered.
    public let minimumSeverity: AlertSeverity
    /// The dashboard's address, the notifications' `generatorURL`.
    public let externalURL: String
    /// The queue and its worker.
    public let queue: DeliveryQueue
    private let logger: StructuredLogger
    private let firing = Mutex<[AlertKey: AlertNotification]>([:])
    private let resender = Mutex<Task<Void, Never>?>(nil)

    /// Creates the sink and starts its queue's worker (and the re-send loop when the format re-sends).
    ///
    /// - Parameters:
    ///   - format: the body and headers per notification.
    ///   - url: where to POST (`http://` through HTTPServe's client, `https://` through URLSession, unless `transport`).
    ///   - redactedURL: how logs name `url` (default ``URLRedaction/redacted(_:keepPath:)`` of it).
    ///   - minimumSeverity: the least severe alert sent (default `info`: all).
    ///   - externalURL: the dashboard's address.
    ///   - configuration: the queue's capacity, retries and timeout.
    ///   - transport: overrides the transport picked from the URL's scheme.
    ///   - logger: delivery failures and drops.
    public init(
        format: any DeliveryFormat, url: String, redactedURL: String? = nil, minimumSeverity: AlertSeverity = .info,
        externalURL: String, configuration: DeliveryQueue.Configuration = DeliveryQueue.Configuration(),
        transport: (any DeliveryTransport)? = nil, logger: StructuredLogger
    ) throws {
        self.format = format
        self.minimumSeverity = minimumSeverity
        self.externalURL = externalURL
        self.logger = logger
        queue = DeliveryQueue(
            name: format.name, url: url, redactedURL: redactedURL ?? URLRedaction.redacted(url),
            transport: try transport ?? DeliveryTransports.make(for: url, timeout: configuration.timeout),
            configuration: configuration, logger: logger)
        if let interval = format.resendInterval { startResending(every: interval) }
    }

    /// Queues `transition` unless its alert is below ``minimumSeverity``; returns at once.
    public func record(_ transition: AlertTransition) {
        guard transition.alert.severity >= minimumSeverity else { return }
        let notification = AlertNotification(transition, externalURL: externalURL)
        if format.resendInterval != nil {
            firing.withLock { firing in
                firing[transition.alert.key] = transition.kind == .resolved ? nil : notification
            }
        }
        send(notification)
    }

    /// The queue's counters.
    public var statistics: DeliveryStatistics { queue.statistics }

    /// Stops re-sending, then drains the queue until `deadline` (``DeliveryQueue/shutdown(deadline:)``).
    public func shutdown(deadline: Duration) async {
        if let task = resender.withLock({ $0.take() }) {
            task.cancel()
            await task.value
        }
        await queue.shutdown(deadline: deadline)
    }

    private func send(_ notification: AlertNotification) {
        do {
            queue.enqueue(try format.request(for: notification))
        } catch {
            logger.log(
                .error, "alert.delivery_failed",
                [
                    ("sink", .string(format.name)), ("idempotencyKey", .string(notification.idempotencyKey)),
                    ("reason", .string("the notification could not be encoded: \(error)")),
                ])
        }
    }

    private func startResending(every interval: Duration) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                guard let self else { return }
                let current = self.firing.withLock { Array($0.values) }
                for notification in current.sorted(by: { $0.idempotencyKey < $1.idempotencyKey }) {
                    self.send(notification)
                }
            }
        }
        resender.withLock { $0 = task }
    }
}
