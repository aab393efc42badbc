extension Worker {
    /// A rate limit: at most `max` jobs started per `duration`, across all workers of the queue.
    public struct RateLimit: Sendable, Hashable {
        /// Jobs allowed per window.
        public var max: Int
        /// The window.
        public var duration: Duration

        /// Creates a limit of `max` jobs per `duration`.
        public init(max: Int, duration: Duration) {
            self.max = max
            self.duration = duration
        }

        /// Refuses a limit that cannot work (max < 1 or a window under 1 ms), naming it as `what`.
        func validate(_ what: String) throws {
            guard max >= 1, duration >= .milliseconds(1) else {
                throw QueueError(.invalidOption, "\(what) needs max >= 1 and duration >= 1 ms")
            }
        }
    }

    /// Settings of a worker; the defaults are BullMQ's.
    public struct Configuration: Sendable {
        /// Key prefix (default `bull`); must match the producers'.
        public var prefix: String
        /// Jobs processed at once by this worker (default 1).
        public var concurrency: Int
        /// How long a job's lock lives without renewal (default 30 s). A worker that cannot renew within it
        /// (crashed, stopped, CPU-starved) loses the job to the stalled check.
        public var lockDuration: Duration
        /// How often held locks are renewed (default lockDuration / 2).
        public var lockRenewTime: Duration?
        /// How often the stalled-job check runs (default 30 s; throttled across workers by `stalled-check`).
        public var stalledInterval: Duration
        /// Stalls a job survives; the next one fails it (default 1).
        public var maxStalledCount: Int
        /// Whether this worker runs the stalled check at all (default true).
        public var runsStalledCheck: Bool
        /// Longest block on the marker when the queue is empty (default 5 s); the marker wakes the worker
        /// earlier when a job is added, so this only bounds how stale a missed wake-up can get.
        public var drainDelay: Duration
        /// Optional rate limit (default none); `meta.max`/`meta.duration` on the queue override it.
        public var limiter: RateLimit?
        /// Retention of completed jobs whose own options say nothing (default: keep all).
        public var removeOnComplete: KeepJobs
        /// Retention of failed jobs whose own options say nothing (default: keep all).
        public var removeOnFail: KeepJobs
        /// Per-minute metrics points kept (default 20160, two weeks); nil disables metrics.
        public var metricsMaxDataPoints: Int?
        /// The worker's name (BullMQ's `name` option), shown by BullMQ's tools after `:w:` in the client name;
        /// printable ASCII without spaces. Default none.
        public var name: String?
        /// Called for every worker event, on the worker's tasks; keep it short and non-blocking.
        public var onEvent: (@Sendable (WorkerEvent) -> Void)?

        /// Creates a configuration; every parameter defaults to the value documented on its property.
        public init(
            prefix: String = "bull", concurrency: Int = 1, lockDuration: Duration = .seconds(30),
            lockRenewTime: Duration? = nil, stalledInterval: Duration = .seconds(30), maxStalledCount: Int = 1,
            runsStalledCheck: Bool = true, drainDelay: Duration = .seconds(5), limiter: RateLimit? = nil,
            removeOnComplete: KeepJobs = .all, removeOnFail: KeepJobs = .all, metricsMaxDataPoints: Int? = 20160,
            name: String? = nil, onEvent: (@Sendable (WorkerEvent) -> Void)? = nil
        ) {
            self.prefix = prefix
            self.concurrency = concurrency
            self.lockDuration = lockDuration
            self.lockRenewTime = lockRenewTime
            self.stalledInterval = stalledInterval
            self.maxStalledCount = maxStalledCount
            self.runsStalledCheck = runsStalledCheck
            self.drainDelay = drainDelay
            self.limiter = limiter
            self.removeOnComplete = removeOnComplete
            self.removeOnFail = removeOnFail
            self.metricsMaxDataPoints = metricsMaxDataPoints
            self.name = name
            self.onEvent = onEvent
        }

        /// The renewal period actually used.
        var renewPeriod: Duration { lockRenewTime ?? lockDuration / 2 }

        /// Rejects values that cannot work (e.g. renewing no faster than the lock expires).
        public func validate() throws {
            guard !prefix.isEmpty else { throw QueueError(.invalidOption, "the worker prefix must not be empty") }
            guard concurrency >= 1 else {
                throw QueueError(.invalidOption, "concurrency must be >= 1, got \(concurrency)")
            }
            guard lockDuration >= .milliseconds(100) else {
                throw QueueError(.invalidOption, "lockDuration must be at least 100 ms")
            }
            guard renewPeriod > .zero, renewPeriod < lockDuration else {
                throw QueueError(.invalidOption, "lockRenewTime must be positive and shorter than lockDuration")
            }
            guard stalledInterval >= .milliseconds(10) else {
                throw QueueError(.invalidOption, "stalledInterval must be at least 10 ms")
            }
            guard maxStalledCount >= 0 else { throw QueueError(.invalidOption, "maxStalledCount must be >= 0") }
            guard drainDelay >= .milliseconds(10) else {
                throw QueueError(.invalidOption, "drainDelay must be >= 10 ms")
            }
            try limiter?.validate("limiter")
            if let name, !WorkerClientNames.isValidClientName(name) {
                throw QueueError(
                    .invalidOption,
                    "the worker name '\(name)' must be printable ASCII without spaces (a Redis client name)")
            }
            if let points = metricsMaxDataPoints, points < 1 {
                throw QueueError(.invalidOption, "metricsMaxDataPoints must be >= 1 (or nil to disable metrics)")
            }
        }
    }
}
