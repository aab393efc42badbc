/// The options of one job, as BullMQ stores them in the job hash's `opts` JSON.
///
/// Reading is lenient (escaped `/`, exponent numbers, any key order); keys this engine does not model,
/// including BullMQ's short names (`de`, `fpof`, `cpof`, …), are kept in `other` and written back unchanged.
public struct JobOptions: Sendable, Hashable {
    /// A custom job id (see `JobID.validate`); nil gives the queue's next counter value.
    public var jobId: String?
    /// Milliseconds before the job may run (0 = now).
    public var delay: Int
    /// 0 = none, else 1 (highest) … 2^21-1; prioritized jobs run after plain waiting ones.
    public var priority: Int
    /// Total tries (0 or 1 = no retry).
    public var attempts: Int
    /// Wait between tries; nil retries at once.
    public var backoff: Backoff?
    /// Put the job at the front of wait instead of the back.
    public var lifo: Bool
    /// Retention once completed; nil defers to the worker's setting.
    public var removeOnComplete: KeepJobs?
    /// Retention once failed for good; nil defers to the worker's setting.
    public var removeOnFail: KeepJobs?
    /// Creation time in ms since 1970; nil means now.
    public var timestamp: Int64?
    /// Most stack frames kept on failure (nil: all).
    public var stackTraceLimit: Int?
    /// Deduplication (BullMQ's `deduplication`, stored as `de`); nil adds unconditionally.
    public var deduplication: Deduplication?
    /// Most log lines kept (BullMQ's `keepLogs`, stored as `kl`); nil keeps all.
    public var keepLogs: Int?
    /// Every other stored option, kept verbatim.
    public var other: [String: JSONValue]

    /// Creates options; every parameter defaults to BullMQ's default.
    public init(
        jobId: String? = nil, delay: Int = 0, priority: Int = 0, attempts: Int = 0, backoff: Backoff? = nil,
        lifo: Bool = false, removeOnComplete: KeepJobs? = nil, removeOnFail: KeepJobs? = nil,
        timestamp: Int64? = nil, stackTraceLimit: Int? = nil, deduplication: Deduplication? = nil,
        keepLogs: Int? = nil, other: [String: JSONValue] = [:]
    ) {
        self.jobId = jobId
        self.delay = delay
        self.priority = priority
        self.attempts = attempts
        self.backoff = backoff
        self.lifo = lifo
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
        self.timestamp = timestamp
        self.stackTraceLimit = stackTraceLimit
        self.deduplication = deduplication
        self.keepLogs = keepLogs
        self.other = other
    }

    private static let modelled: Set<String> = [
        "jobId", "delay", "priority", "attempts", "backoff", "lifo", "removeOnComplete", "removeOnFail",
        "timestamp", "stackTraceLimit", "de", "kl",
    ]

    /// Parses stored `opts` JSON leniently; an empty or non-object text gives the defaults.
    public init(json text: String) throws {
        guard !text.isEmpty else {
            self.init()
            return
        }
        let members = try JSONValue.parse(text).objectValue ?? [:]
        self.init(
            jobId: members["jobId"]?.stringValue ?? members["jobId"]?.intValue.map(String.init),
            delay: members["delay"]?.intValue ?? 0,
            priority: members["priority"]?.intValue ?? 0,
            attempts: members["attempts"]?.intValue ?? 0,
            backoff: Backoff(json: members["backoff"]),
            lifo: members["lifo"]?.boolValue ?? false,
            removeOnComplete: KeepJobs(json: members["removeOnComplete"]),
            removeOnFail: KeepJobs(json: members["removeOnFail"]),
            timestamp: members["timestamp"]?.doubleValue.map { Int64($0) },
            stackTraceLimit: members["stackTraceLimit"]?.intValue,
            deduplication: Deduplication(json: members["de"]),
            keepLogs: members["kl"]?.intValue,
            other: members.filter { !JobOptions.modelled.contains($0.key) })
    }

    /// The `opts` JSON to store: like Python bullmq, always with `attempts` and `delay`.
    public var json: String {
        var members = other
        if let jobId { members["jobId"] = .string(jobId) }
        members["delay"] = .number(Double(delay))
        members["attempts"] = .number(Double(attempts))
        if priority != 0 { members["priority"] = .number(Double(priority)) }
        if let backoff { members["backoff"] = backoff.json }
        if lifo { members["lifo"] = .bool(true) }
        if let removeOnComplete { members["removeOnComplete"] = removeOnComplete.json }
        if let removeOnFail { members["removeOnFail"] = removeOnFail.json }
        if let timestamp { members["timestamp"] = .number(Double(timestamp)) }
        if let stackTraceLimit { members["stackTraceLimit"] = .number(Double(stackTraceLimit)) }
        if let deduplication { members["de"] = deduplication.json }
        if let keepLogs { members["kl"] = .number(Double(keepLogs)) }
        return JSONValue.object(members).jsonText
    }

    /// Checks ranges as BullMQ does: priority 0…2^21-1, non-negative delay and attempts, a valid custom id.
    public func validate() throws {
        guard (0...2_097_151).contains(priority) else {
            throw QueueError(.invalidOption, "priority must be between 0 and 2097151, got \(priority)")
        }
        guard delay >= 0 else { throw QueueError(.invalidOption, "delay must be >= 0 ms, got \(delay)") }
        guard attempts >= 0 else { throw QueueError(.invalidOption, "attempts must be >= 0, got \(attempts)") }
        if let backoff, backoff.delay < 0 || !(0...1).contains(backoff.jitter) {
            throw QueueError(.invalidOption, "backoff needs delay >= 0 ms and jitter in [0, 1]")
        }
        if let jobId { try JobID.validate(jobId) }
        if let keepLogs, keepLogs < 0 { throw QueueError(.invalidOption, "keepLogs must be >= 0, got \(keepLogs)") }
        try deduplication?.validate()
    }
}
