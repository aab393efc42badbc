/// Derives health from component states and firing alerts, per docs/architecture.md's health model. Pure.
public enum HealthModel {
    /// What the queue monitor knows.
    public enum QueuesState: Sendable, Equatable {
        /// The last collection succeeded; its samples, and the firing queue and Redis alerts.
        case collected(samples: [QueueSample], redis: RedisStats, alerts: [Alert])
        /// The last collection failed (Redis down, timeout); `reason` says what and where.
        /// `lastSamples` are from the last success, for context.
        case failed(reason: String, lastSamples: [QueueSample])
        /// No collection has finished yet.
        case pending
    }

    /// What the AI-model telemetry knows.
    public enum AIModelsState: Sendable, Equatable {
        /// Cache sizes and the firing cache alerts.
        case measured(social: CacheUtilization, advertising: CacheUtilization, alerts: [Alert])
        /// Telemetry could not be read; `reason` says why.
        case unavailable(reason: String)
    }

    /// What the auto-posting workers know of their database.
    public enum PostsState: Sendable, Equatable {
        /// The database answered and the workers run.
        case ready
        /// The database cannot be reached (or not yet); `reason` names it and the error.
        case unavailable(reason: String)
    }

    /// The queues component.
    public static func queues(_ state: QueuesState) -> SystemHealth.Queues {
        switch state {
        case .collected(let samples, let redis, let alerts):
            let details = samples.sorted { $0.queue < $1.queue }.map { sample in
                QueueHealth(
                    sample: sample, alerts: alerts.filter { $0.alert.isQueueRule && $0.subject == sample.queue })
            }
            let redisAlerts = alerts.filter { $0.alert == .maxRedisLatency }
            let status = max(HealthStatus.implied(by: redisAlerts), details.map(\.status).max() ?? .healthy)
            return SystemHealth.Queues(
                healthy: status == .healthy, status: status, reason: nil, details: details, redis: redis,
                alerts: redisAlerts)
        case .failed(let reason, let lastSamples):
            let details = lastSamples.sorted { $0.queue < $1.queue }.map { QueueHealth(sample: $0, alerts: []) }
            return SystemHealth.Queues(
                healthy: false, status: .unhealthy, reason: reason, details: details, redis: nil, alerts: [])
        case .pending:
            return SystemHealth.Queues(
                healthy: false, status: .unhealthy, reason: "no queue collection has finished yet", details: [],
                redis: nil, alerts: [])
        }
    }

    /// The AI-models component.
    public static func aiModels(_ state: AIModelsState) -> SystemHealth.AIModels {
        switch state {
        case .measured(let social, let advertising, let alerts):
            let status = HealthStatus.implied(by: alerts)
            return SystemHealth.AIModels(
                healthy: status == .healthy, status: status, reason: nil, social: social, advertising: advertising,
                alerts: alerts)
        case .unavailable(let reason):
            return SystemHealth.AIModels(
                healthy: false, status: .unhealthy, reason: reason, social: CacheUtilization(current: 0, max: 0),
                advertising: CacheUtilization(current: 0, max: 0), alerts: [])
        }
    }

    /// The posts component.
    public static func posts(_ state: PostsState) -> SystemHealth.Posts {
        switch state {
        case .ready: SystemHealth.Posts(healthy: true, status: .healthy, reason: nil)
        case .unavailable(let reason): SystemHealth.Posts(healthy: false, status: .unhealthy, reason: reason)
        }
    }

    /// The whole system: the worst component decides. `posts` is nil when the process runs no workers.
    public static func systemHealth(
        queues: QueuesState, aiModels: AIModelsState, posts: PostsState? = nil, nowMs: Int64
    ) -> SystemHealth {
        let queuesComponent = Self.queues(queues)
        let aiComponent = Self.aiModels(aiModels)
        let postsComponent = posts.map(Self.posts)
        let status = max(queuesComponent.status, aiComponent.status, postsComponent?.status ?? .healthy)
        return SystemHealth(
            healthy: status == .healthy, status: status,
            components: SystemHealth.Components(queues: queuesComponent, aiModels: aiComponent, posts: postsComponent),
            timestamp: MonitoringJSON.timestamp(milliseconds: nowMs))
    }
}
