/// `/api/monitoring/system-health` in the spec's shape:
/// `{healthy, status, components: {queues: {healthy, status, details, …}, aiModels: {healthy, status,
/// social, advertising, …}, posts: {healthy, status, reason}}, timestamp}` (`posts` only with workers). Build it
/// with ``HealthModel/systemHealth(queues:aiModels:posts:nowMs:)``.
public struct SystemHealth: Codable, Sendable, Equatable {
    /// The queues component: Redis reachable and collecting, queue and Redis alerts.
    public struct Queues: Codable, Sendable, Equatable {
        /// `status == .healthy`.
        public var healthy: Bool
        /// Unhealthy when collection fails; else from the queue and Redis alerts.
        public var status: HealthStatus
        /// Why it is unhealthy (the collection error), nil otherwise.
        public var reason: String?
        /// One entry per queue of the last successful collection.
        public var details: [QueueHealth]
        /// Redis figures of the last successful collection.
        public var redis: RedisStats?
        /// Redis alerts (latency).
        public var alerts: [Alert]
    }

    /// The AI-model caches component.
    public struct AIModels: Codable, Sendable, Equatable {
        /// `status == .healthy`.
        public var healthy: Bool
        /// From the cache alerts (`info` never changes it); unhealthy when telemetry is unavailable.
        public var status: HealthStatus
        /// Why it is unhealthy, nil otherwise.
        public var reason: String?
        /// The social cache's utilisation.
        public var social: CacheUtilization
        /// The advertising cache's utilisation.
        public var advertising: CacheUtilization
        /// The cache alerts firing (including `info`).
        public var alerts: [Alert]
    }

    /// The auto-posting component (workers and posts API): its PostgreSQL reachable and its schema migrated.
    public struct Posts: Codable, Sendable, Equatable {
        /// `status == .healthy`.
        public var healthy: Bool
        /// Healthy once the database answered and the workers run; unhealthy while it cannot be reached.
        public var status: HealthStatus
        /// Why it is unhealthy (the database error, naming its address), nil otherwise.
        public var reason: String?
    }

    /// The components.
    public struct Components: Codable, Sendable, Equatable {
        /// Queues and Redis.
        public var queues: Queues
        /// AI-model caches.
        public var aiModels: AIModels
        /// The auto-posting workers' database; absent when the process runs no workers (`--no-workers`).
        public var posts: Posts? = nil
    }

    /// `status == .healthy`.
    public var healthy: Bool
    /// The worst of the components.
    public var status: HealthStatus
    /// The components.
    public var components: Components
    /// When it was computed, ISO 8601 UTC with ms.
    public var timestamp: String

    /// The HTTP status to answer with (200, 200, 503).
    public var httpStatus: Int { status.httpStatus }
}
