/// Key names of one queue: `<prefix>:<queue>:<suffix>`, BullMQ's layout, named once for every reader
/// (the engine, Monitoring's collectors, maxctl).
public struct QueueKeys: Sendable, Hashable {
    /// The suffixes after `<prefix>:<queue>:`, as BullMQ spells them.
    public enum Suffix {
        /// Job-id counter (string).
        public static let id = "id"
        /// Jobs ready to run (list).
        public static let wait = "wait"
        /// 5.x's waiting list while paused; 6.x only drains it (list).
        public static let paused = "paused"
        /// Jobs being processed (list).
        public static let active = "active"
        /// Waiting jobs with a priority (sorted set).
        public static let prioritized = "prioritized"
        /// Priority counter (string).
        public static let priorityCounter = "pc"
        /// Delayed jobs, score `due_ms * 4096 + n` (sorted set).
        public static let delayed = "delayed"
        /// Wake-up key for blocked workers (sorted set).
        public static let marker = "marker"
        /// Finished jobs, score `finishedOn` (sorted set).
        public static let completed = "completed"
        /// Failed jobs, score `finishedOn` (sorted set).
        public static let failed = "failed"
        /// Flow parents waiting for children (sorted set).
        public static let waitingChildren = "waiting-children"
        /// Queue metadata: `paused`, `opts.maxLenEvents`, `concurrency`, `max`, `duration` (hash).
        public static let meta = "meta"
        /// The event log (stream).
        public static let events = "events"
        /// Stalled-job candidates (set).
        public static let stalled = "stalled"
        /// Throttle of the stalled check across workers (string with a TTL).
        public static let stalledCheck = "stalled-check"
        /// Global rate-limit counter (string with a TTL).
        public static let limiter = "limiter"
        /// Per-minute metrics of completed jobs (hash; its points in `metrics:completed:data`).
        public static let metricsCompleted = "metrics:completed"
        /// Per-minute metrics of failed jobs (hash; its points in `metrics:failed:data`).
        public static let metricsFailed = "metrics:failed"
        /// Our workers' running totals: `completed`, `failed`, `retries`, `processingMs` (hash; not BullMQ's).
        public static let workerCounters = "metrics:counters"
        /// Job schedulers by the due time of their pending iteration (sorted set); `repeat:<id>` is a
        /// scheduler's hash.
        public static let repeatJobs = "repeat"
        /// A job scheduler's hash: `repeat:<id>` (name, rule, template, iteration count `ic`).
        public static let jobScheduler = "repeat:"
        /// Deduplication claims: `de:<id>` holds the id of the job that owns deduplication id `<id>` (string).
        public static let deduplication = "de:"
        /// The add `keepLastIfActive` keeps for later: `dn:<id>` (hash of name, data, opts, jid).
        public static let deduplicationNext = "dn:"
        /// Every suffix above that names a key of the queue, or (ending in `:`) the start of per-id keys; not the
        /// job-key endings below.
        public static let all: Set<String> = [
            id, wait, paused, active, prioritized, priorityCounter, delayed, marker, completed, failed, waitingChildren,
            meta, events, stalled, stalledCheck, limiter, metricsCompleted, metricsFailed, workerCounters, repeatJobs,
            jobScheduler, deduplication, deduplicationNext,
        ]
        /// What a metrics hash's per-minute list appends to its key.
        public static let metricsData = ":data"
        /// What a job's lock appends to the job's key.
        public static let lock = ":lock"
        /// What a job's log list appends to the job's key.
        public static let logs = ":logs"
        /// What a flow parent's set of unfinished children's keys appends to its key.
        public static let dependencies = ":dependencies"
        /// What a flow parent's hash of completed children's return values appends to its key.
        public static let processed = ":processed"
        /// What a flow parent's hash of ignored failed children's reasons appends to its key.
        public static let failedChildren = ":failed"
        /// What a flow parent's sorted set of children failed with `failParentOnFailure` appends to its key.
        public static let unsuccessful = ":unsuccessful"
    }

    /// The job-key prefix `<prefix>:<queue>:` (with the trailing colon); every script's `KEYS[1]`.
    public let base: String

    /// Creates the key names for `queue` under `prefix` (BullMQ's default `bull`).
    public init(prefix: String, queue: String) {
        base = "\(prefix):\(queue):"
    }

    /// The key of `suffix` (one of ``Suffix``, or a job id).
    public func key(_ suffix: String) -> String { base + suffix }

    /// The key of a state's list or sorted set.
    public func key(_ state: JobState) -> String { base + state.keySuffix }

    /// `wait`: jobs ready to run.
    public var wait: String { key(Suffix.wait) }
    /// `paused`: 5.x's waiting list while paused.
    public var paused: String { key(Suffix.paused) }
    /// `active`: jobs being processed.
    public var active: String { key(Suffix.active) }
    /// `prioritized`: waiting jobs with a priority.
    public var prioritized: String { key(Suffix.prioritized) }
    /// `delayed`: jobs due later.
    public var delayed: String { key(Suffix.delayed) }
    /// `marker`: the wake-up key of blocked workers.
    public var marker: String { key(Suffix.marker) }
    /// `completed`: finished jobs.
    public var completed: String { key(Suffix.completed) }
    /// `failed`: failed jobs.
    public var failed: String { key(Suffix.failed) }
    /// `waiting-children`: flow parents.
    public var waitingChildren: String { key(Suffix.waitingChildren) }
    /// `meta`: the queue's metadata hash.
    public var meta: String { key(Suffix.meta) }
    /// `events`: the event stream.
    public var events: String { key(Suffix.events) }
    /// `metrics:counters`: our workers' running totals.
    public var workerCounters: String { key(Suffix.workerCounters) }

    /// `metrics:completed` or `metrics:failed`: BullMQ's per-minute metrics hash of a finished state.
    public func metrics(_ state: JobState) -> String {
        key(state == .failed ? Suffix.metricsFailed : Suffix.metricsCompleted)
    }

    /// `metrics:<state>:data`: the per-minute points of ``metrics(_:)``, newest first.
    public func metricsData(_ state: JobState) -> String { metrics(state) + Suffix.metricsData }

    /// A job's hash.
    public func job(_ id: String) -> String { key(id) }

    /// `de:<id>`: the claim on deduplication id `id`.
    public func deduplication(_ id: String) -> String { key(Suffix.deduplication + id) }

    /// `repeat`: the job schedulers, scored with their pending iteration's due time.
    public var jobSchedulers: String { key(Suffix.repeatJobs) }

    /// `repeat:<id>`: job scheduler `id`'s hash (name, rule, template, iteration count `ic`).
    public func jobScheduler(_ id: String) -> String { key(Suffix.jobScheduler + id) }

    /// A job's lock (holds the owning worker's token).
    public func lock(_ id: String) -> String { key(id) + Suffix.lock }

    /// The queue name of a `<prefix>:<queue>:meta` key (queue discovery: BullMQ keeps no registry, but every
    /// queue that was ever added to has a `meta` hash); nil for any other key.
    public static func queueName(ofMetaKey key: String, prefix: String) -> String? {
        let head = "\(prefix):"
        let tail = ":\(Suffix.meta)"
        guard key.count > head.count + tail.count, key.hasPrefix(head), key.hasSuffix(tail) else { return nil }
        return String(key.dropFirst(head.count).dropLast(tail.count))
    }
}
