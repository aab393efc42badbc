import AIModelCache

/// One collection of one model cache, for the cache history (`GET /api/monitoring/ai-models/history`): size, bound,
/// ratios 0–1, counters since start and the models' estimated bytes.
///
/// JSON: `{"timestamp": ms since 1970, "entries", "capacity", "utilization", "hitRate", "loads", "averageLoadMs",
/// "evictions", "memoryBytes"}` (the console's contract keeps instants as epoch milliseconds).
public struct CacheSample: Codable, Sendable, Equatable {
    /// When it was taken, ms since 1970 (JSON `timestamp`).
    public var timestampMs: Int64
    /// Models held.
    public var entries: Int
    /// The entry bound.
    public var capacity: Int
    /// entries ÷ capacity, 0–1.
    public var utilization: Double
    /// hits ÷ lookups, 0–1 (0 before the first lookup).
    public var hitRate: Double
    /// Loads finished since start.
    public var loads: UInt64
    /// Mean load time since start, ms.
    public var averageLoadMs: Double
    /// Evictions of every reason since start.
    public var evictions: UInt64
    /// The cached models' estimated size, bytes.
    public var memoryBytes: Int

    /// The sample of `cache` taken at `timestampMs`.
    public init(_ cache: CacheTelemetry, timestampMs: Int64) {
        self.timestampMs = timestampMs
        entries = cache.currentSize
        capacity = cache.maxSize
        utilization = cache.maxSize > 0 ? cache.utilizationRatio : 0
        hitRate = cache.hitRateRatio
        loads = cache.totalLoads
        averageLoadMs = cache.averageLoadTimeMs
        evictions = cache.totalEvictions
        memoryBytes = cache.estimatedModelBytes
    }

    private enum CodingKeys: String, CodingKey {
        case timestampMs = "timestamp"
        case entries, capacity, utilization, hitRate, loads, averageLoadMs, evictions, memoryBytes
    }
}
