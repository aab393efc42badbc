import Monitoring

/// The JSON bodies of the queue endpoints (the health and AI-model bodies are Monitoring's own types).
enum APIResponses {
    /// Where the last collection stands: shown with every queue answer.
    struct Collection: Encodable, Sendable, Equatable {
        /// True when the last collection succeeded.
        var ok: Bool
        /// Why the last collection failed; nil when it succeeded.
        var error: String?
        /// When the last successful collection finished (ISO 8601), if any.
        var lastSuccess: String?
        /// How long it took, ms.
        var durationMs: Double?
        /// Collections attempted since start.
        var collections: Int
        /// Collections that failed since start.
        var failures: Int

        init(_ snapshot: MonitorSnapshot) {
            ok = snapshot.lastError == nil && snapshot.lastSuccessMs != nil
            error = snapshot.lastError
            lastSuccess = snapshot.lastSuccessMs.map(MonitoringJSON.timestamp(milliseconds:))
            durationMs = snapshot.lastDurationMs
            collections = snapshot.collections
            failures = snapshot.failures
        }
    }

    /// One queue in `/api/monitoring/queue-metrics`.
    struct QueueMetrics: Encodable, Sendable {
        /// The queue's name.
        var queue: String
        /// The latest sample; nil until the queue's first collection.
        var latest: QueueSample?
        /// Min/max/avg over the retained samples.
        var summary: HistorySummary?
        /// The queue's firing alerts.
        var alerts: [Alert]
    }

    /// `/api/monitoring/queue-metrics`.
    struct AllQueues: Encodable, Sendable {
        /// Every monitored queue, by name.
        var queues: [QueueMetrics]
        /// Redis at the last successful collection.
        var redis: RedisStats?
        /// The collection state.
        var collection: Collection
        /// Queue and Redis alerts firing.
        var alerts: [Alert]
        /// When the answer was made.
        var timestamp: String
    }

    /// `/api/monitoring/queue-metrics/:queueName`.
    struct OneQueue: Encodable, Sendable {
        /// The queue's name.
        var queue: String
        /// The latest sample.
        var latest: QueueSample?
        /// Min/max/avg over the retained samples.
        var summary: HistorySummary?
        /// The retained samples, oldest first (`METRICS_RETENTION` at most).
        var history: [QueueSample]
        /// The queue's firing alerts.
        var alerts: [Alert]
        /// The collection state.
        var collection: Collection
        /// When the answer was made.
        var timestamp: String
    }

    /// `/api/monitoring/queue-health`: the queues component of system health, with the collection state.
    struct QueueHealthReport: Encodable, Sendable {
        /// `status == healthy`.
        var healthy: Bool
        /// The queues component's status.
        var status: HealthStatus
        /// Why it is unhealthy (the collection error).
        var reason: String?
        /// Per queue: counts, stalled, failed rate, status and alerts.
        var queues: [QueueHealth]
        /// Redis alerts (latency).
        var redisAlerts: [Alert]
        /// Redis at the last successful collection.
        var redis: RedisStats?
        /// The collection state.
        var collection: Collection
        /// When the answer was made.
        var timestamp: String
    }
}
