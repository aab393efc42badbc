/// The monotonic counters of one cache and a window of recent load times. Plain value, kept under the
/// cache's lock; the arithmetic for the telemetry lives here so it is tested in memory.
@usableFromInline
struct CacheStatistics: Sendable {
    @usableFromInline var hits: UInt64 = 0
    @usableFromInline var misses: UInt64 = 0
    var loadsSucceeded: UInt64 = 0
    var loadsFailed: UInt64 = 0
    @usableFromInline var evictionsLRU: UInt64 = 0
    @usableFromInline var evictionsTimeout: UInt64 = 0
    @usableFromInline var evictionsManual: UInt64 = 0
    @usableFromInline var oversizeRejected: UInt64 = 0
    var totalLoadNanoseconds: UInt64 = 0
    /// The last `loadTimeWindow` load durations (ring buffer), for the p95.
    private(set) var recentLoadNanoseconds: [UInt64] = []
    private var nextLoadSample = 0
    let loadTimeWindow: Int

    init(loadTimeWindow: Int = 1024) {
        precondition(loadTimeWindow >= 1)
        self.loadTimeWindow = loadTimeWindow
    }

    var totalLoads: UInt64 { loadsSucceeded + loadsFailed }
    var totalEvictions: UInt64 { evictionsLRU + evictionsTimeout + evictionsManual }

    @inlinable
    mutating func recordEviction(_ reason: EvictionReason) {
        switch reason {
        case .lru: evictionsLRU += 1
        case .timeout: evictionsTimeout += 1
        case .manual: evictionsManual += 1
        }
    }

    /// Records one finished load (succeeded or failed) that took `nanoseconds`.
    @usableFromInline
    mutating func recordLoad(succeeded: Bool, nanoseconds: UInt64) {
        if succeeded { loadsSucceeded += 1 } else { loadsFailed += 1 }
        totalLoadNanoseconds &+= nanoseconds
        if recentLoadNanoseconds.count < loadTimeWindow {
            recentLoadNanoseconds.append(nanoseconds)
        } else {
            recentLoadNanoseconds[nextLoadSample] = nanoseconds
        }
        nextLoadSample = (nextLoadSample + 1) % loadTimeWindow
    }

    /// Hits as a percentage of lookups (hits + misses); 0 before the first lookup.
    var hitRatePercent: Double {
        let lookups = hits + misses
        return lookups == 0 ? 0 : Double(hits) / Double(lookups) * 100
    }

    /// The mean load time over every load since start, in milliseconds; 0 before the first load.
    var averageLoadTimeMs: Double {
        totalLoads == 0 ? 0 : Double(totalLoadNanoseconds) / Double(totalLoads) / 1e6
    }

    /// The 95th percentile (nearest rank) of the recent load times, in milliseconds; 0 without loads.
    var p95LoadTimeMs: Double {
        guard !recentLoadNanoseconds.isEmpty else { return 0 }
        let sorted = recentLoadNanoseconds.sorted()
        let rank = Int((Double(sorted.count) * 0.95).rounded(.up))
        return Double(sorted[max(rank, 1) - 1]) / 1e6
    }
}
