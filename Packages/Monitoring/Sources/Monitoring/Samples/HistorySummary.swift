/// The key figures of a queue's retained samples, each as min/max/avg (nil when no sample had it).
public struct HistorySummary: Codable, Sendable, Equatable {
    /// Samples summarised.
    public var samples: Int
    /// First sample's time, ms since 1970 (JSON `from`, ISO 8601).
    public var fromMs: Int64?
    /// Last sample's time, ms since 1970 (JSON `to`, ISO 8601).
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

extension HistorySummary {
    private enum CodingKeys: String, CodingKey {
        case samples, from, to, waiting, active, stalled, failedRate, completedPerMinute, avgProcessingTimeMs
        case oldestWaitingAgeMs, redisLatencyMs
    }

    /// Reads the JSON of ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        samples = try container.decode(Int.self, forKey: .samples)
        fromMs = try container.decodeTimestampIfPresent(forKey: .from)
        toMs = try container.decodeTimestampIfPresent(forKey: .to)
        waiting = try container.decodeIfPresent(FigureSummary.self, forKey: .waiting)
        active = try container.decodeIfPresent(FigureSummary.self, forKey: .active)
        stalled = try container.decodeIfPresent(FigureSummary.self, forKey: .stalled)
        failedRate = try container.decodeIfPresent(FigureSummary.self, forKey: .failedRate)
        completedPerMinute = try container.decodeIfPresent(FigureSummary.self, forKey: .completedPerMinute)
        avgProcessingTimeMs = try container.decodeIfPresent(FigureSummary.self, forKey: .avgProcessingTimeMs)
        oldestWaitingAgeMs = try container.decodeIfPresent(FigureSummary.self, forKey: .oldestWaitingAgeMs)
        redisLatencyMs = try container.decodeIfPresent(FigureSummary.self, forKey: .redisLatencyMs)
    }

    /// Writes the summary with `from` and `to` in the spec's timestamp form (absent when there is no sample).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(samples, forKey: .samples)
        try container.encodeIfPresent(fromMs.map(MonitoringJSON.timestamp(milliseconds:)), forKey: .from)
        try container.encodeIfPresent(toMs.map(MonitoringJSON.timestamp(milliseconds:)), forKey: .to)
        try container.encodeIfPresent(waiting, forKey: .waiting)
        try container.encodeIfPresent(active, forKey: .active)
        try container.encodeIfPresent(stalled, forKey: .stalled)
        try container.encodeIfPresent(failedRate, forKey: .failedRate)
        try container.encodeIfPresent(completedPerMinute, forKey: .completedPerMinute)
        try container.encodeIfPresent(avgProcessingTimeMs, forKey: .avgProcessingTimeMs)
        try container.encodeIfPresent(oldestWaitingAgeMs, forKey: .oldestWaitingAgeMs)
        try container.encodeIfPresent(redisLatencyMs, forKey: .redisLatencyMs)
    }
}
