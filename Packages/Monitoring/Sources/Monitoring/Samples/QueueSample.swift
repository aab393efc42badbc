/// One collection of one queue: counts, stalled jobs, window figures, age of the oldest waiting job and
/// Redis. Units are in the field names (ms, bytes); `failedRate` is a ratio 0–1.
public struct QueueSample: Codable, Sendable, Equatable {
    /// The queue's name (without prefix).
    public var queue: String
    /// When it was collected, ms since 1970.
    public var timestampMs: Int64
    /// Jobs per state.
    public var counts: JobCounts
    /// Active jobs whose `<job>:lock` key was gone at collection time.
    public var stalled: Int
    /// Whether the queue is paused (`meta.paused`).
    public var paused: Bool
    /// Age of the oldest waiting (or prioritized) job, ms; nil when none is waiting.
    public var oldestWaitingAgeMs: Int64?
    /// What finished in the window, each figure with its source.
    public var window: WindowFigures
    /// Redis at the time of the collection (shared by every queue of the collection).
    public var redis: RedisStats

    /// Creates a sample.
    public init(
        queue: String, timestampMs: Int64, counts: JobCounts, stalled: Int, paused: Bool,
        oldestWaitingAgeMs: Int64?, window: WindowFigures, redis: RedisStats
    ) {
        self.queue = queue
        self.timestampMs = timestampMs
        self.counts = counts
        self.stalled = stalled
        self.paused = paused
        self.oldestWaitingAgeMs = oldestWaitingAgeMs
        self.window = window
        self.redis = redis
    }

    /// failed ÷ (completed + failed) over the window, ratio 0–1; nil when nothing finished.
    public var failedRate: Double? { window.failedRate }
    /// Jobs completed per minute over the window.
    public var completedPerMinute: Double? { window.completedPerMinute }
    /// Mean processing time over the window, ms.
    public var averageProcessingMs: Double? { window.averageProcessingMs.value }
}

extension QueueSample {
    private enum DerivedKeys: String, CodingKey {
        case timestamp, failedRate, completedPerMinute, avgProcessingTimeMs, retries
    }

    /// Encodes the stored fields plus the derived ones the API shows: `timestamp` (ISO 8601),
    /// `failedRate` (ratio), `completedPerMinute`, `avgProcessingTimeMs`, `retries`. Decoding reads the
    /// stored fields and ignores the derived ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(queue, forKey: .queue)
        try container.encode(timestampMs, forKey: .timestampMs)
        try container.encode(counts, forKey: .counts)
        try container.encode(stalled, forKey: .stalled)
        try container.encode(paused, forKey: .paused)
        try container.encode(oldestWaitingAgeMs, forKey: .oldestWaitingAgeMs)
        try container.encode(window, forKey: .window)
        try container.encode(redis, forKey: .redis)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(MonitoringJSON.timestamp(milliseconds: timestampMs), forKey: .timestamp)
        try derived.encode(failedRate, forKey: .failedRate)
        try derived.encode(completedPerMinute, forKey: .completedPerMinute)
        try derived.encode(averageProcessingMs, forKey: .avgProcessingTimeMs)
        try derived.encode(window.retries.value, forKey: .retries)
    }

    private enum CodingKeys: String, CodingKey {
        case queue, timestampMs, counts, stalled, paused, oldestWaitingAgeMs, window, redis
    }
}
