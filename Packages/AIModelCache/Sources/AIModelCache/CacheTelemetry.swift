/// A point-in-time snapshot of one cache: the spec's metrics plus process memory. Counters are monotonic
/// from the cache's start. Field names (JSON) are documented in the README; units are in the names.
public struct CacheTelemetry: Codable, Sendable, Equatable {
    /// Evictions since start, per reason.
    public struct Evictions: Codable, Sendable, Equatable {
        /// Least recently used, to respect a bound.
        public var lru: UInt64
        /// Idle longer than the idle timeout.
        public var timeout: UInt64
        /// `evict(_:)` / `evictAll()`.
        public var manual: UInt64

        /// Creates the counts.
        public init(lru: UInt64, timeout: UInt64, manual: UInt64) {
            self.lru = lru
            self.timeout = timeout
            self.manual = manual
        }
    }

    /// The cache's name (`social`, `advertising`).
    public var modelType: String
    /// Entries held now.
    public var currentSize: Int
    /// The entry bound.
    public var maxSize: Int
    /// `currentSize / maxSize × 100`.
    public var utilizationPercent: Double
    /// Lookups served from the cache.
    public var hits: UInt64
    /// Lookups not served from the cache (absent or idle-expired).
    public var misses: UInt64
    /// `hits / (hits + misses) × 100`; 0 before the first lookup.
    public var hitRatePercent: Double
    /// Loads finished (succeeded + failed).
    public var totalLoads: UInt64
    /// Loads that returned a model.
    public var loadsSucceeded: UInt64
    /// Loads that threw or timed out.
    public var loadsFailed: UInt64
    /// Loads running now.
    public var loadsInFlight: Int
    /// Evictions of every reason.
    public var totalEvictions: UInt64
    /// Evictions per reason.
    public var evictions: Evictions
    /// Models refused because one alone exceeded the byte bound (returned to the caller, not cached).
    public var oversizeRejected: UInt64
    /// Mean load time since start, in milliseconds.
    public var averageLoadTimeMs: Double
    /// 95th percentile of the last 1,024 load times, in milliseconds.
    public var p95LoadTimeMs: Double
    /// Sum of the cached models' `estimatedBytes`.
    public var estimatedModelBytes: Int
    /// `estimatedModelBytes` in MB (1,048,576 bytes).
    public var estimatedModelMB: Double
    /// The byte bound, if any.
    public var maxBytes: Int?
    /// The process's memory at the snapshot (shared by every cache in the process).
    public var memory: ProcessMemory

    /// Utilisation as a ratio `currentSize / maxSize`, exact for alert comparisons.
    public var utilizationRatio: Double { Double(currentSize) / Double(maxSize) }

    /// Hit rate as a ratio `hits / (hits + misses)`; 0 before the first lookup.
    public var hitRateRatio: Double {
        hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses)
    }
}
