extension ModelCache {
    /// A snapshot of this cache's metrics with the given process memory sample. O(recent load samples).
    public func telemetry(memory: ProcessMemory) -> CacheTelemetry {
        let (statistics, size, bytes, inFlight) = state.withLock { state in
            (state.statistics, state.table.count, state.table.totalBytes, state.waiters.count)
        }
        let maxSize = configuration.maxEntries
        return CacheTelemetry(
            modelType: configuration.name, currentSize: size, maxSize: maxSize,
            utilizationPercent: Double(size) / Double(maxSize) * 100, hits: statistics.hits,
            misses: statistics.misses, hitRatePercent: statistics.hitRatePercent,
            totalLoads: statistics.totalLoads, loadsSucceeded: statistics.loadsSucceeded,
            loadsFailed: statistics.loadsFailed, loadsInFlight: inFlight,
            totalEvictions: statistics.totalEvictions,
            evictions: CacheTelemetry.Evictions(
                lru: statistics.evictionsLRU, timeout: statistics.evictionsTimeout,
                manual: statistics.evictionsManual),
            oversizeRejected: statistics.oversizeRejected, averageLoadTimeMs: statistics.averageLoadTimeMs,
            p95LoadTimeMs: statistics.p95LoadTimeMs, estimatedModelBytes: bytes,
            estimatedModelMB: Double(bytes) / 1_048_576, maxBytes: configuration.maxBytes, memory: memory)
    }

    /// A snapshot with process memory sampled off the cooperative pool.
    public func telemetry() async -> CacheTelemetry {
        telemetry(memory: await ProcessMemory.sampleOffPool())
    }
}
