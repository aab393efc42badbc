/// One collection of one queue: counts, stalled jobs, window figures, age of the oldest waiting job and
/// Redis. Units are in the field names (ms, bytes); `failedRate` is a ratio 0–1.
public struct QueueSample: Codable, Sendable, Equatable {
    /// The queue's name (without prefix).
    public var queue: String
    /// When it was collected, ms since 1970 (JSON `timestamp`, ISO 8601).
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
    /// The queue's workers, ours and other clients', from `CLIENT LIST` (unknown when Redis refused it).
    public var workers: QueueWorkers
    /// Jobs in the legacy `paused` list of Node BullMQ 5.x and older (counted in `counts.waiting` too).
    public var legacyPausedJobs: Int

    /// Creates a sample; no workers and no legacy `paused` list unless given.
    public init(
        queue: String, timestampMs: Int64, counts: JobCounts, stalled: Int, paused: Bool,
        oldestWaitingAgeMs: Int64?, window: WindowFigures, redis: RedisStats,
        workers: QueueWorkers = QueueWorkers(workers: []), legacyPausedJobs: Int = 0
    ) {
        self.queue = queue
        self.timestampMs = timestampMs
        self.counts = counts
        self.stalled = stalled
        self.paused = paused
        self.oldestWaitingAgeMs = oldestWaitingAgeMs
        self.window = window
        self.redis = redis
        self.workers = workers
        self.legacyPausedJobs = legacyPausedJobs
    }

    /// failed ÷ (completed + failed) over the window, ratio 0–1; nil when nothing finished.
    public var failedRate: Double? { window.failedRate }
    /// Jobs completed per minute over the window.
    public var completedPerMinute: Double? { window.completedPerMinute }
    /// Mean processing time over the window, ms.
    public var averageProcessingMs: Double? { window.averageProcessingMs.value }
}

extension QueueSample {
    private enum CodingKeys: String, CodingKey {
        case queue, timestamp, counts, stalled, paused, oldestWaitingAgeMs, window, redis, workers, legacyPausedJobs
        case failedRate, completedPerMinute, avgProcessingTimeMs, retries, notes
    }

    /// Reads the stored fields (`timestamp` as ISO 8601); the derived ones are recomputed, not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            queue: try container.decode(String.self, forKey: .queue),
            timestampMs: try container.decodeTimestamp(forKey: .timestamp),
            counts: try container.decode(JobCounts.self, forKey: .counts),
            stalled: try container.decode(Int.self, forKey: .stalled),
            paused: try container.decode(Bool.self, forKey: .paused),
            oldestWaitingAgeMs: try container.decodeIfPresent(Int64.self, forKey: .oldestWaitingAgeMs),
            window: try container.decode(WindowFigures.self, forKey: .window),
            redis: try container.decode(RedisStats.self, forKey: .redis),
            workers: try container.decodeIfPresent(QueueWorkers.self, forKey: .workers) ?? QueueWorkers(workers: []),
            legacyPausedJobs: try container.decodeIfPresent(Int.self, forKey: .legacyPausedJobs) ?? 0)
    }

    /// Encodes the stored fields, `timestamp` (ISO 8601, the collection time) and the derived ones the API
    /// shows: `failedRate` (ratio), `completedPerMinute`, `avgProcessingTimeMs`, `retries`, `notes`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(queue, forKey: .queue)
        try container.encodeTimestamp(timestampMs, forKey: .timestamp)
        try container.encode(counts, forKey: .counts)
        try container.encode(stalled, forKey: .stalled)
        try container.encode(paused, forKey: .paused)
        try container.encode(oldestWaitingAgeMs, forKey: .oldestWaitingAgeMs)
        try container.encode(window, forKey: .window)
        try container.encode(redis, forKey: .redis)
        try container.encode(failedRate, forKey: .failedRate)
        try container.encode(completedPerMinute, forKey: .completedPerMinute)
        try container.encode(averageProcessingMs, forKey: .avgProcessingTimeMs)
        try container.encode(window.retries.value, forKey: .retries)
        try container.encode(workers, forKey: .workers)
        try container.encode(legacyPausedJobs, forKey: .legacyPausedJobs)
        try container.encode(notes, forKey: .notes)
    }
}
