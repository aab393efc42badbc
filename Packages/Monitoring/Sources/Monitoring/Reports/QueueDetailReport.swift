/// `/api/monitoring/queue-metrics/:queueName`: one queue's latest sample, history summary, retained samples
/// and alerts, with the collection's status and the time.
public struct QueueDetailReport: Codable, Sendable, Equatable {
    /// The queue's name.
    public var queue: String
    /// The latest sample (nil until the queue's first successful collection).
    public var latest: QueueSample?
    /// Min/max/avg of the key figures over the retained samples.
    public var summary: HistorySummary?
    /// The retained samples, oldest first (`METRICS_RETENTION` at most).
    public var history: [QueueSample]
    /// The queue's firing alerts.
    public var alerts: [Alert]
    /// The collector's own state (the API answers 503 with `collection.error` when it is set).
    public var collection: CollectionStatus
    /// When the report was made, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The report of `queue` in `snapshot` with its retained samples at `nowMs`; nil when `snapshot` does not
    /// monitor `queue` (the API answers 404).
    public init?(
        _ snapshot: MonitorSnapshot, queue: String, history: [QueueSample],
        nowMs: Int64 = MonitoringJSON.nowMilliseconds()
    ) {
        guard snapshot.queues.contains(queue) else { return nil }
        self.queue = queue
        latest = snapshot.latest[queue]
        summary = snapshot.summaries[queue]
        self.history = history
        alerts = snapshot.alerts(of: queue)
        collection = CollectionStatus(snapshot)
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
    }
}
