/// The key figures of a queue's retained samples, each as min/max/avg (nil when no sample had it).
public struct HistorySummary: Codable, Sendable, Equatable {
    /// Samples summarised.
    public var samples: Int
    /// First sample's time, ms since 1970.
    public var fromMs: Int64?
    /// Last sample's time, ms since 1970.
    public var toMs: Int64?
    /// Waiting + prioritized jobs.
    public var waiting: FigureSummary?
    /// Active jobs.
    public var active: FigureSummary?
    /// Stalled jobs.
    public var stalled: FigureSummary?
    /// failed ÷ finished per window, ratio.
    public var failedRate: FigureSummary?
    /// Completed jobs per minute.
    public var completedPerMinute: FigureSummary?
    /// Mean processing time, ms.
    public var avgProcessingTimeMs: FigureSummary?
    /// Age of the oldest waiting job, ms.
    public var oldestWaitingAgeMs: FigureSummary?
    /// Redis PING median, ms.
    public var redisLatencyMs: FigureSummary?

    /// Summarises `samples` (any order).
    public init(_ samples: [QueueSample]) {
        self.samples = samples.count
        fromMs = samples.map(\.timestampMs).min()
        toMs = samples.map(\.timestampMs).max()
        waiting = FigureSummary(samples.map { Double($0.counts.ready) })
        active = FigureSummary(samples.map { Double($0.counts.active) })
        stalled = FigureSummary(samples.map { Double($0.stalled) })
        failedRate = FigureSummary(samples.compactMap(\.failedRate))
        completedPerMinute = FigureSummary(samples.compactMap(\.completedPerMinute))
        avgProcessingTimeMs = FigureSummary(samples.compactMap(\.averageProcessingMs))
        oldestWaitingAgeMs = FigureSummary(samples.compactMap { $0.oldestWaitingAgeMs.map(Double.init) })
        redisLatencyMs = FigureSummary(samples.map(\.redis.latencyMs))
    }
}
