/// The process's two model caches, `social` (social autopilot) and `advertising` (advertising
/// autopilot), keyed by user id, with their combined telemetry.
///
/// Threading: `Sendable`; see ``ModelCache`` for the caches. Telemetry samples process memory off the
/// cooperative pool.
public final class ModelCacheManager<SocialModel: CacheableModel, AdvertisingModel: CacheableModel>: Sendable {
    /// Both caches' figures with one process memory sample (Monitoring judges them against its alert rules).
    public struct Telemetry: Codable, Sendable, Equatable {
        /// The social autopilot cache.
        public var social: CacheTelemetry
        /// The advertising autopilot cache.
        public var advertising: CacheTelemetry
        /// Process memory (the same sample as inside each cache snapshot).
        public var memory: ProcessMemory
    }

    /// The settings both caches were created with.
    public let configuration: Configuration
    /// The social autopilot models (name `social`).
    public let social: ModelCache<String, SocialModel>
    /// The advertising autopilot models (name `advertising`).
    public let advertising: ModelCache<String, AdvertisingModel>

    /// Creates both caches.
    ///
    /// - Parameters:
    ///   - configuration: validated here.
    ///   - clock: shared by both caches; ``SystemCacheClock`` unless testing.
    ///   - evictionSink: receives every eviction of both caches (see ``ModelCache/init(configuration:clock:evictionSink:)``).
    /// - Throws: ``ModelCacheError/Code/invalidConfiguration``.
    public init(
        configuration: Configuration, clock: any CacheClock = SystemCacheClock(), evictionSink: EvictionSink? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.social = try ModelCache(configuration: configuration.social, clock: clock, evictionSink: evictionSink)
        self.advertising = try ModelCache(
            configuration: configuration.advertising, clock: clock, evictionSink: evictionSink)
    }

    /// Starts both caches' background idle sweepers (interval: a quarter of the idle timeout, clamped).
    public func startIdleSweepers() {
        social.startIdleSweeper()
        advertising.startIdleSweeper()
    }

    /// Stops both sweepers.
    public func stopIdleSweepers() {
        social.stopIdleSweeper()
        advertising.stopIdleSweeper()
    }

    /// Both snapshots, with one process memory sample taken off the pool.
    public func telemetry() async -> Telemetry {
        telemetry(memory: await ProcessMemory.sampleOffPool())
    }

    /// Both snapshots with the given memory sample (for tests and callers that sample).
    public func telemetry(memory: ProcessMemory) -> Telemetry {
        Telemetry(
            social: social.telemetry(memory: memory), advertising: advertising.telemetry(memory: memory),
            memory: memory)
    }

    /// The most recent evictions of both caches, oldest first, at most `limit`.
    public func recentEvictions(limit: Int = 100) -> [EvictionRecord] {
        let merged = (social.evictionLog.recent(limit: limit) + advertising.evictionLog.recent(limit: limit))
            .sorted { $0.timestamp < $1.timestamp }
        return Array(merged.suffix(max(limit, 0)))
    }
}
