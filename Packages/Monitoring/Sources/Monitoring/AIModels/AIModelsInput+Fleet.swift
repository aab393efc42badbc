import AIModelCache

extension AIModelsInput {
    /// The fleet's combined view of several processes' inputs: sizes, bounds, counters and model
    /// estimates added up, rates recomputed from the sums, the mean load time weighted by loads, p95 the
    /// worst, memory added up, the recent evictions merged (newest `evictionLimit`). Nil for no inputs.
    ///
    /// The memory alert is per process: evaluate it with ``largestProcessMemory(of:)``.
    public static func fleet(_ inputs: [AIModelsInput], evictionLimit: Int = 50) -> AIModelsInput? {
        guard var total = inputs.first else { return nil }
        var memory = total.memory
        for input in inputs.dropFirst() {
            total.social = combine(total.social, input.social)
            total.advertising = combine(total.advertising, input.advertising)
            memory = ProcessMemory(
                heapUsedMB: memory.heapUsedMB + input.memory.heapUsedMB,
                residentMB: memory.residentMB + input.memory.residentMB,
                totalEstimatedMB: memory.totalEstimatedMB + input.memory.totalEstimatedMB)
        }
        total.memory = memory
        total.social.memory = memory
        total.advertising.memory = memory
        total.recentEvictions = Array(
            inputs.flatMap(\.recentEvictions).sorted { $0.timestamp < $1.timestamp }.suffix(max(evictionLimit, 0)))
        return total
    }

    /// The memory of the process using the most, which the per-process memory alert compares.
    public static func largestProcessMemory(of inputs: [AIModelsInput]) -> ProcessMemory? {
        inputs.map(\.memory).max { $0.totalEstimatedMB < $1.totalEstimatedMB }
    }

    private static func combine(_ a: CacheTelemetry, _ b: CacheTelemetry) -> CacheTelemetry {
        var sum = a
        sum.currentSize += b.currentSize
        sum.maxSize += b.maxSize
        sum.utilizationPercent = sum.maxSize > 0 ? Double(sum.currentSize) * 100 / Double(sum.maxSize) : 0
        sum.hits += b.hits
        sum.misses += b.misses
        let lookups = sum.hits + sum.misses
        sum.hitRatePercent = lookups == 0 ? 0 : Double(sum.hits) * 100 / Double(lookups)
        let loads = a.totalLoads + b.totalLoads
        sum.averageLoadTimeMs =
            loads == 0
            ? 0
            : (a.averageLoadTimeMs * Double(a.totalLoads) + b.averageLoadTimeMs * Double(b.totalLoads)) / Double(loads)
        sum.totalLoads = loads
        sum.loadsSucceeded += b.loadsSucceeded
        sum.loadsFailed += b.loadsFailed
        sum.loadsInFlight += b.loadsInFlight
        sum.totalEvictions += b.totalEvictions
        sum.evictions = CacheTelemetry.Evictions(
            lru: a.evictions.lru + b.evictions.lru, timeout: a.evictions.timeout + b.evictions.timeout,
            manual: a.evictions.manual + b.evictions.manual)
        sum.oversizeRejected += b.oversizeRejected
        sum.p95LoadTimeMs = max(a.p95LoadTimeMs, b.p95LoadTimeMs)
        sum.estimatedModelBytes += b.estimatedModelBytes
        sum.estimatedModelMB = Double(sum.estimatedModelBytes) / 1_048_576
        sum.maxBytes = a.maxBytes.flatMap { first in b.maxBytes.map { first + $0 } }
        return sum
    }
}
