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
    /// The most recent evictions (user id, model type, reason, idle time ms, timestamp), oldest first.
    public var recentEvictions: [EvictionRecord]
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

extension AIModelsReport {
    private enum CodingKeys: String, CodingKey {
        case social, advertising, memory, recentEvictions, alerts, status, timestamp, instances
    }

    /// Reads the JSON of ``encode(to:)`` with any decoder.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        social = try container.decode(CacheTelemetry.self, forKey: .social)
        advertising = try container.decode(CacheTelemetry.self, forKey: .advertising)
        memory = try container.decode(Memory.self, forKey: .memory)
        recentEvictions = try container.decode([EvictionJSON].self, forKey: .recentEvictions).map(\.record)
        alerts = try container.decode([Alert].self, forKey: .alerts)
        status = try container.decode(HealthStatus.self, forKey: .status)
        timestamp = try container.decode(String.self, forKey: .timestamp)
        instances = try container.decode(Int.self, forKey: .instances)
    }

    /// Writes the report; each eviction's `timestamp` is ISO 8601 UTC with ms whatever the encoder's date strategy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(social, forKey: .social)
        try container.encode(advertising, forKey: .advertising)
        try container.encode(memory, forKey: .memory)
        try container.encode(recentEvictions.map(EvictionJSON.init), forKey: .recentEvictions)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(status, forKey: .status)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(instances, forKey: .instances)
    }
}
