/// `/api/monitoring/queue-metrics`: every monitored queue's latest sample, history summary and alerts,
/// Redis, the collection's status, every firing queue and Redis alert, and the time.
public struct QueueMetricsReport: Codable, Sendable, Equatable {
    /// One queue of the report.
    public struct Queue: Codable, Sendable, Equatable {
        /// The queue's name.
        public var queue: String
        /// The latest sample (nil until the queue's first successful collection).
        public var latest: QueueSample?
        /// Min/max/avg of the key figures over the retained samples.
        public var summary: HistorySummary?
        /// The queue's firing alerts.
        public var alerts: [Alert]
    }

    /// One entry per monitored queue, by name.
    public var queues: [Queue]
    /// Redis at the last successful collection.
    public var redis: RedisStats?
    /// The collector's own state (the API answers 503 with `collection.error` when it is set).
    public var collection: CollectionStatus
    /// Every firing queue and Redis alert.
    public var alerts: [Alert]
    /// When the report was made, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The report for `snapshot` at `nowMs`.
    public init(_ snapshot: MonitorSnapshot, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) {
        queues = snapshot.queues.map {
            Queue(
                queue: $0, latest: snapshot.latest[$0], summary: snapshot.summaries[$0], alerts: snapshot.alerts(of: $0)
            )
        }
        redis = snapshot.redis
        collection = CollectionStatus(snapshot)
        alerts = snapshot.alerts
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
    }
}

extension MonitorSnapshot {
    /// The firing alerts of the queue rules about `queue`.
    public func alerts(of queue: String) -> [Alert] {
        alerts.filter { $0.alert.isQueueRule && $0.subject == queue }
    }
}
