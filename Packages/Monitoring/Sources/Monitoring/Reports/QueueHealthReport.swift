/// `/api/monitoring/queue-health`: health per queue with its active alerts, Redis and its alerts, and the
/// queues component's status (unhealthy with the reason when collection fails).
public struct QueueHealthReport: Codable, Sendable, Equatable {
    /// `status == .healthy`.
    public var healthy: Bool
    /// The queues component's status.
    public var status: HealthStatus
    /// Why it is unhealthy, when collection fails.
    public var reason: String?
    /// One entry per queue.
    public var queues: [QueueHealth]
    /// Redis at the last successful collection.
    public var redis: RedisStats?
    /// Every firing queue and Redis alert, most severe first.
    public var alerts: [Alert]
    /// When the report was made, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The report for `snapshot` at `nowMs`.
    public init(_ snapshot: MonitorSnapshot, nowMs: Int64 = MonitoringJSON.nowMilliseconds()) {
        let component = HealthModel.queues(snapshot.queuesState)
        healthy = component.healthy
        status = component.status
        reason = component.reason
        queues = component.details
        redis = component.redis
        alerts = snapshot.lastError == nil ? snapshot.alerts : []
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
    }

    /// 200 while collecting (healthy or degraded), 503 when collection fails.
    public var httpStatus: Int { status.httpStatus }
}
