/// `/api/monitoring/queue-health`: the queues component of system health (per queue: counts, status and
/// alerts; Redis and its alerts; `reason` when unhealthy) with the collection's status.
public struct QueueHealthReport: Codable, Sendable, Equatable {
    /// `status == .healthy`.
    public var healthy: Bool
    /// The queues component's status.
    public var status: HealthStatus
    /// Why it is unhealthy (the collection error, or no collection yet).
    public var reason: String?
    /// One entry per queue.
    public var queues: [QueueHealth]
    /// The Redis alerts firing (latency).
    public var redisAlerts: [Alert]
    /// Redis at the last successful collection.
    public var redis: RedisStats?
    /// The collector's own state.
    public var collection: CollectionStatus
    /// When the report was made, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The report for `snapshot` at `nowMs`.
    public init(_ snapshot: MonitorSnapshot, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) {
        let component = HealthModel.queues(snapshot.queuesState)
        healthy = component.healthy
        status = component.status
        reason = component.reason
        queues = component.details
        redisAlerts = component.alerts
        redis = component.redis
        collection = CollectionStatus(snapshot)
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
    }

    /// 200 while collecting (healthy or degraded), 503 otherwise.
    public var httpStatus: Int { status.httpStatus }
}
