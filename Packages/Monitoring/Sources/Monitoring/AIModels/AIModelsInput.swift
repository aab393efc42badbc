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
    /// The most recent evictions of both caches, oldest first (JSON as in ``AIModelsReport``).
    @EvictionList public var recentEvictions: [EvictionRecord]

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
