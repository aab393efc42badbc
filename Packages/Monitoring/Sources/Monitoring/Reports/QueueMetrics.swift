/// One queue in `/api/monitoring/queue-metrics` and the whole of `/api/monitoring/queue-metrics/:queueName`:
/// the latest sample, the min/max/avg over the retained history, and the queue's firing alerts.
public struct QueueMetrics: Codable, Sendable, Equatable {
    /// The queue's name.
    public var queue: String
    /// The latest sample (nil until the queue's first successful collection).
    public var latest: QueueSample?
    /// Min/max/avg of the key figures over the retained samples.
    public var history: HistorySummary?
    /// The queue's firing alerts.
    public var alerts: [Alert]
}

extension MonitorSnapshot {
    /// The metrics of `queue`.
    ///
    /// - Throws: ``MonitoringError/Code/unknownQueue`` (answer 404) naming the monitored queues.
    public func metrics(of queue: String) throws -> QueueMetrics {
        guard queues.contains(queue) else {
            let known = queues.isEmpty ? "none yet" : queues.joined(separator: ", ")
            throw MonitoringError(
                .unknownQueue,
                "queue \"\(queue)\" is not monitored (monitored: \(known)); check the name, QUEUES and QUEUE_PREFIX")
        }
        return QueueMetrics(
            queue: queue, latest: latest[queue], history: summaries[queue],
            alerts: alerts.filter { $0.alert.isQueueRule && $0.subject == queue })
    }
}
