/// `/api/monitoring/queue-metrics`: every monitored queue's latest sample and history summary, the
/// collector's status, and the time.
public struct QueueMetricsReport: Codable, Sendable, Equatable {
    /// One entry per monitored queue, by name.
    public var queues: [QueueMetrics]
    /// Redis at the last successful collection.
    public var redis: RedisStats?
    /// The collector's own state.
    public var collection: CollectionStatus
    /// When the report was made, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The report for `snapshot` at `nowMs`.
    public init(_ snapshot: MonitorSnapshot, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) {
        queues = snapshot.queues.compactMap { try? snapshot.metrics(of: $0) }
        redis = snapshot.redis
        collection = CollectionStatus(snapshot)
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
    }
}
