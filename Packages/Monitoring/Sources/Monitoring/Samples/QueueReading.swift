/// The raw figures one collection read for one queue, before window figures are derived. Pure data:
/// the collector fills it from Redis, ``WindowCalculator`` turns two consecutive readings into a sample.
public struct QueueReading: Sendable, Equatable {
    /// Monotonic per-queue totals; the difference of two readings is what happened between them.
    public struct Totals: Sendable, Equatable {
        /// Jobs completed since the counters began.
        public var completed: Int64
        /// Jobs failed for good since the counters began.
        public var failed: Int64
        /// Retries scheduled since the counters began; nil when the source does not count them.
        public var retries: Int64?
        /// Sum of processing times (ms) of the finished jobs; nil when the source does not keep it.
        public var processingMsTotal: Int64?

        /// Creates totals.
        public init(completed: Int64, failed: Int64, retries: Int64? = nil, processingMsTotal: Int64? = nil) {
            self.completed = completed
            self.failed = failed
            self.retries = retries
            self.processingMsTotal = processingMsTotal
        }
    }

    /// What the events stream holds from the window's start on.
    public struct EventCounts: Sendable, Equatable {
        /// `completed` events.
        public var completed: Int
        /// `failed` events (final failures; retries write `delayed` or `waiting` with `prev=active`).
        public var failed: Int
        /// Retries: `delayed` events of jobs that were active, and `waiting` events with `prev=active`.
        public var retries: Int
        /// True when the stream's oldest entry is at or before the window start (nothing was trimmed away).
        public var coversWindow: Bool

        /// Creates counts.
        public init(completed: Int, failed: Int, retries: Int, coversWindow: Bool) {
            self.completed = completed
            self.failed = failed
            self.retries = retries
            self.coversWindow = coversWindow
        }
    }

    /// Finished jobs still stored with `finishedOn` in the window (a lower bound under `removeOnComplete`).
    public struct StoredFinished: Sendable, Equatable {
        /// Completed jobs in the window.
        public var completed: Int
        /// Failed jobs in the window.
        public var failed: Int
        /// Processing times (finishedOn − processedOn, ms) of the most recent of them (a bounded sample).
        public var processingMs: [Int64]

        /// Creates figures.
        public init(completed: Int, failed: Int, processingMs: [Int64]) {
            self.completed = completed
            self.failed = failed
            self.processingMs = processingMs
        }
    }

    /// The queue's name.
    public var queue: String
    /// When it was read, ms since 1970.
    public var timestampMs: Int64
    /// Jobs per state.
    public var counts: JobCounts
    /// Active jobs without a lock.
    public var stalled: Int
    /// `meta.paused` is set.
    public var paused: Bool
    /// Jobs in the legacy `paused` list that Node BullMQ 5.x and older pause into (counted in `counts.waiting`).
    public var legacyPausedJobs: Int
    /// The queue's workers from this collection's `CLIENT LIST` (unknown when Redis refused it).
    public var workers: QueueWorkers
    /// Timestamp (ms) of the oldest waiting or prioritized job; nil when none waits.
    public var oldestWaitingTimestampMs: Int64?
    /// Our workers' per-queue counters, if any worker of ours published them.
    public var workerCounters: Totals?
    /// BullMQ's `metrics:*` `count` fields, if a worker with metrics enabled wrote them.
    public var bullmqMetrics: Totals?
    /// BullMQ's per-minute metrics (the newest point of each list), if a worker with metrics enabled wrote them.
    public var bullmqMinutes: MinuteMetrics?
    /// The events stream read from the window start, if read.
    public var events: EventCounts?
    /// Finished jobs still stored in the window.
    public var storedFinished: StoredFinished?

    /// Creates a reading; the optional sources default to nil, the workers to none.
    public init(
        queue: String, timestampMs: Int64, counts: JobCounts, stalled: Int = 0, paused: Bool = false,
        legacyPausedJobs: Int = 0, workers: QueueWorkers = QueueWorkers(workers: []),
        oldestWaitingTimestampMs: Int64? = nil, workerCounters: Totals? = nil, bullmqMetrics: Totals? = nil,
        bullmqMinutes: MinuteMetrics? = nil, events: EventCounts? = nil, storedFinished: StoredFinished? = nil
    ) {
        self.queue = queue
        self.timestampMs = timestampMs
        self.counts = counts
        self.stalled = stalled
        self.paused = paused
        self.legacyPausedJobs = legacyPausedJobs
        self.workers = workers
        self.oldestWaitingTimestampMs = oldestWaitingTimestampMs
        self.workerCounters = workerCounters
        self.bullmqMetrics = bullmqMetrics
        self.bullmqMinutes = bullmqMinutes
        self.events = events
        self.storedFinished = storedFinished
    }
}
