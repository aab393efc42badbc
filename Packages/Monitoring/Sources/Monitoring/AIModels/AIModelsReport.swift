import AIModelCache

/// `/api/monitoring/ai-models`: both caches' telemetry (the spec's fields: current and max size, loads,
/// evictions, hit rate %, average load time ms), memory metrics (MB), recent evictions and alerts.
public struct AIModelsReport: Codable, Sendable, Equatable {
    /// The spec's memory metrics, MB (1,048,576 bytes).
    public struct Memory: Codable, Sendable, Equatable {
        /// malloc heap in use.
        public var heapUsedMB: Double
        /// Resident set size.
        public var residentMB: Double
        /// Both caches' model size estimates added up.
        public var estimatedModelMB: Double
        /// The process's estimated total (its resident size, which already holds the models).
        public var totalEstimatedMB: Double
    }

    /// The social autopilot cache.
    public var social: CacheTelemetry
    /// The advertising autopilot cache.
    public var advertising: CacheTelemetry
    /// Memory metrics.
    public var memory: Memory
    /// The most recent evictions (user id, model type, reason, idle time ms, timestamp), oldest first; in JSON
    /// each `timestamp` is ISO 8601 UTC with ms whatever the coder's date strategy.
    @EvictionList public var recentEvictions: [EvictionRecord]
    /// The cache alerts firing, most severe first.
    public var alerts: [Alert]
    /// From the cache alerts: `info` changes nothing, `warning` degrades, `critical` makes it unhealthy.
    public var status: HealthStatus
    /// When it was produced, ISO 8601 UTC with ms.
    public var timestamp: String
    /// How many processes the figures combine (1 for this process alone).
    public var instances: Int

    /// Creates a report from an input and its firing alerts.
    public init(input: AIModelsInput, alerts: [Alert], nowMs: Int64) {
        social = input.social
        advertising = input.advertising
        memory = Memory(
            heapUsedMB: input.memory.heapUsedMB, residentMB: input.memory.residentMB,
            estimatedModelMB: input.social.estimatedModelMB + input.advertising.estimatedModelMB,
            totalEstimatedMB: input.memory.totalEstimatedMB)
        recentEvictions = input.recentEvictions
        self.alerts = alerts
        status = HealthStatus.implied(by: alerts)
        timestamp = MonitoringJSON.timestamp(milliseconds: nowMs)
        instances = 1
    }

    /// The health model's view: both caches' utilisation and the alerts.
    public var healthState: HealthModel.AIModelsState {
        .measured(
            social: CacheUtilization(current: social.currentSize, max: social.maxSize),
            advertising: CacheUtilization(current: advertising.currentSize, max: advertising.maxSize), alerts: alerts)
    }
}
