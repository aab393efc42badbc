import AIModelCache

/// What AI-model telemetry reads from the model caches: both snapshots, process memory and the recent
/// evictions. Built from a ``ModelCacheManager`` with ``init(manager:evictionLimit:)`` or by hand (tests,
/// telemetry read back from workers).
public struct AIModelsInput: Codable, Sendable, Equatable {
    /// The social autopilot cache.
    public var social: CacheTelemetry
    /// The advertising autopilot cache.
    public var advertising: CacheTelemetry
    /// The process's memory.
    public var memory: ProcessMemory
    /// The most recent evictions of both caches, oldest first.
    public var recentEvictions: [EvictionRecord]

    /// Creates an input.
    public init(
        social: CacheTelemetry, advertising: CacheTelemetry, memory: ProcessMemory, recentEvictions: [EvictionRecord]
    ) {
        self.social = social
        self.advertising = advertising
        self.memory = memory
        self.recentEvictions = recentEvictions
    }

    /// Reads `manager`'s snapshots (memory is sampled off the cooperative pool) and its last
    /// `evictionLimit` evictions (default 50).
    public init<Social, Advertising>(manager: ModelCacheManager<Social, Advertising>, evictionLimit: Int = 50) async {
        let telemetry = await manager.telemetry()
        self.init(
            social: telemetry.social, advertising: telemetry.advertising, memory: telemetry.memory,
            recentEvictions: manager.recentEvictions(limit: evictionLimit))
    }
}

extension AIModelsInput {
    private enum CodingKeys: String, CodingKey {
        case social, advertising, memory, recentEvictions
    }

    /// Reads the JSON of ``encode(to:)`` with any decoder (also what earlier versions published).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            social: try container.decode(CacheTelemetry.self, forKey: .social),
            advertising: try container.decode(CacheTelemetry.self, forKey: .advertising),
            memory: try container.decode(ProcessMemory.self, forKey: .memory),
            recentEvictions: try container.decode([EvictionJSON].self, forKey: .recentEvictions).map(\.record))
    }

    /// Writes the input; each eviction's `timestamp` is ISO 8601 UTC with ms whatever the encoder's date strategy.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(social, forKey: .social)
        try container.encode(advertising, forKey: .advertising)
        try container.encode(memory, forKey: .memory)
        try container.encode(recentEvictions.map(EvictionJSON.init), forKey: .recentEvictions)
    }
}
