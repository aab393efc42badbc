import RedisClient

/// Job schedulers (BullMQ's `upsertJobScheduler`): a scheduler keeps exactly one pending iteration, a job
/// with id `repeat:<scheduler id>:<due ms>`; when a worker (ours, Python's or Node's) takes it, the worker
/// creates the next one. Drain, clean and remove keep the pending iteration, as BullMQ's do.
extension Queue {
    /// Creates scheduler `id`, or replaces its rule and template (its pending iteration is replaced too,
    /// at the same time when an `every` is unchanged). Returns the id of the pending iteration, or nil when
    /// `limit` or `endDate` leave none.
    ///
    /// Throws `.invalidOption` naming the field for an invalid id, rule or template (nothing is written),
    /// and `.wrongState` when the iteration's job id is taken by a job of another scheduler's making.
    @discardableResult
    public func upsertJobScheduler(_ id: String, repeat rule: RepeatOptions, template: JobTemplate = JobTemplate())
        async throws -> String?
    {
        try RepeatOptions.validateSchedulerID(id)
        let now = Queue.nowMs()
        try rule.validate(now: now)
        try template.validate()
        var options = template.options
        if let defaults = configuration.defaultJobOptions {
            options = options.merged(over: defaults)
            options.deduplication = nil
            options.delay = 0
            options.jobId = nil
        }
        guard
            let iteration = try SchedulerIteration(
                schedulerID: id, repeat: rule, options: options, previousCount: 0, previousDue: nil, now: now)
        else { return nil }
        if rule.pattern != nil && iteration.due == nil {
            throw QueueError(.invalidOption, "repeat.pattern '\(rule.pattern ?? "")' has no run in the next 50 years")
        }
        let rule = JSONValue.object(rule.schedulerFields.mapValues(JSONValue.string)).jsonText
        let arguments: [String] = [
            id, iteration.due.map(String.init) ?? "", String(now), template.name ?? id, rule, template.json,
            Self.templateOptionsJSON(options), iteration.optionsJSON, String(options.priority),
            options.lifo ? "1" : "0",
        ]
        let reply = try await run(QueueScript.upsertJobScheduler, arguments)
        switch reply.int {
        case -10:
            throw QueueError(
                .wrongState,
                "upsertJobScheduler \(id): the next iteration's job id is taken by a job that is not pending")
        case -11:
            throw QueueError(.wrongState, "upsertJobScheduler \(id): 32 consecutive iteration slots are taken by jobs")
        default:
            guard let jobID = reply.array?.first?.string else {
                throw QueueError(.unexpectedReply, "upsertJobScheduler \(id) on \(name): unexpected reply")
            }
            return jobID
        }
    }

    /// Removes scheduler `id` and its pending iteration while that is delayed; false when it does not exist.
    @discardableResult
    public func removeJobScheduler(_ id: String) async throws -> Bool {
        try await run(QueueScript.removeJobScheduler, [id]).int == 1
    }

    /// Scheduler `id`, or nil.
    public func jobScheduler(_ id: String) async throws -> JobScheduler? {
        let replies = try await client.pipeline([
            ["HGETALL", keys.jobScheduler(id)], ["ZSCORE", keys.jobSchedulers, id],
        ])
        let next = try replies[1].get().string.flatMap { Double($0) }.map { Int64($0) }
        guard next != nil else { return nil }
        return JobScheduler(id: id, fields: ScriptReply.hash(try replies[0].get()), next: next)
    }

    /// Schedulers by next run, positions `range` (0-based, inclusive), latest first unless `ascending` (as
    /// BullMQ's `getJobSchedulers`). Entries of legacy repeatable jobs (no scheduler hash) are skipped.
    public func jobSchedulers(range: ClosedRange<Int> = 0...99, ascending: Bool = false) async throws
        -> [JobScheduler]
    {
        let command = ascending ? "ZRANGE" : "ZREVRANGE"
        let reply = try await client.send(
            command, keys.jobSchedulers, String(range.lowerBound), String(range.upperBound), "WITHSCORES")
        let flat = (reply.array ?? []).compactMap(\.string)
        let entries = stride(from: 0, to: flat.count - 1, by: 2).map {
            (id: flat[$0], next: Double(flat[$0 + 1]).map { Int64($0) })
        }
        guard !entries.isEmpty else { return [] }
        let hashes = try await client.pipeline(entries.map { ["HGETALL", keys.jobScheduler($0.id)] })
        return try zip(entries, hashes).compactMap { entry, hash in
            JobScheduler(id: entry.id, fields: ScriptReply.hash(try hash.get()), next: entry.next)
        }
    }

    /// How many schedulers the queue has (legacy repeatable jobs included, as BullMQ counts them).
    public func jobSchedulersCount() async throws -> Int {
        try await client.send("ZCARD", keys.jobSchedulers).int ?? 0
    }

    /// Creates the next iteration of the scheduler `job` belongs to (call when taking the job, as BullMQ's
    /// workers do). Returns its id, or nil when the scheduler is over, gone, or has moved on.
    @discardableResult
    func scheduleNextIteration(after job: Job) async throws -> String? {
        guard let schedulerID = job.fields["rjk"] else { return nil }
        let rule = RepeatOptions(json: job.options.other["repeat"]) ?? RepeatOptions()
        let count = job.options.other["repeat"]?.objectValue?["count"]?.intValue ?? 0
        let previousDue = job.options.other["prevMillis"]?.doubleValue.map { Int64($0) }
        let now = Queue.nowMs()
        guard
            let iteration = try SchedulerIteration(
                schedulerID: schedulerID, repeat: rule, options: job.options, previousCount: count,
                previousDue: previousDue, now: now)
        else { return nil }
        let arguments: [String] = [
            schedulerID, iteration.due.map(String.init) ?? "", String(now), iteration.optionsJSON, job.id,
            String(job.options.priority), job.options.lifo ? "1" : "0", rule.every.map(String.init) ?? "",
            rule.offset.map(String.init) ?? "",
        ]
        return try await run(QueueScript.nextSchedulerIteration, arguments).string
    }

    /// The template options as the scheduler hash stores them: only what is set ("" for none).
    private static func templateOptionsJSON(_ options: JobOptions) -> String {
        var members = (try? JSONValue.parse(options.json).objectValue) ?? [:]
        members["delay"] = nil
        if options.attempts == 0 { members["attempts"] = nil }
        return members.isEmpty ? "" : JSONValue.object(members).jsonText
    }
}
