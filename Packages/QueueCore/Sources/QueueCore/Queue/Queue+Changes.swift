import RedisClient

/// Changing jobs that have not run yet, and their logs (BullMQ's `changeDelay`, `changePriority`,
/// `updateData`, `addLog`, `getJobLogs`, `getCountsPerPriority`, `promoteJobs`).
extension Queue {
    /// A job's log lines and how many it has in all.
    public struct JobLogs: Sendable, Hashable {
        /// The lines asked for.
        public var lines: [String]
        /// How many lines the job has.
        public var count: Int
    }

    /// The longest log line accepted, in UTF-8 bytes.
    public static let maxLogLineBytes = 65_536

    /// Appends `line` to job `id`'s log, keeping only the newest `keepLogs` lines when given (the job's
    /// `keepLogs` option is what `JobContext.log` passes). Returns how many lines the job keeps; throws
    /// `.jobNotFound` for an unknown job and `.invalidOption` for a line over ``maxLogLineBytes``.
    @discardableResult
    public func addLog(_ id: String, _ line: String, keepLogs: Int? = nil) async throws -> Int {
        guard line.utf8.count <= Self.maxLogLineBytes else {
            throw QueueError(
                .invalidOption,
                "addLog \(id): the line is \(line.utf8.count) bytes; at most \(Self.maxLogLineBytes) are allowed")
        }
        let code = try await run(QueueScript.addLog, [id, line, keepLogs.map(String.init) ?? ""]).int ?? -1
        return try ScriptReply.check(code, context: "addLog \(id)")
    }

    /// Job `id`'s log lines from position `start` to `end` (inclusive, -1 the last), oldest first unless
    /// `ascending` is false (then positions count from the newest), as BullMQ's `getJobLogs`.
    public func logs(_ id: String, start: Int = 0, end: Int = -1, ascending: Bool = true) async throws -> JobLogs {
        let key = keys.job(id) + QueueKeys.Suffix.logs
        let range = ascending ? (start, end) : (-(end + 1), -(start + 1))
        let replies = try await client.pipeline([["LRANGE", key, String(range.0), String(range.1)], ["LLEN", key]])
        let lines = (try replies[0].get().array ?? []).compactMap(\.string)
        return JobLogs(lines: ascending ? lines : lines.reversed(), count: try replies[1].get().int ?? 0)
    }

    /// Makes delayed job `id` due `delay` from now; throws `.wrongState` when it is not delayed.
    public func changeDelay(_ id: String, delay: Duration) async throws {
        let milliseconds = delay.wholeMilliseconds
        guard milliseconds >= 0 else { throw QueueError(.invalidOption, "changeDelay \(id): delay must be >= 0") }
        let code = try await run(QueueScript.changeDelay, [id, String(milliseconds), String(Queue.nowMs())]).int
        try ScriptReply.check(code ?? -1, context: "changeDelay \(id) (only a delayed job's delay can change)")
    }

    /// Gives job `id` a new priority (0 none, 1 highest … 2^21-1) and `lifo`: a waiting or prioritized job
    /// moves accordingly, a delayed one keeps them for its promotion. Throws `.wrongState` for an active or
    /// finished job.
    public func changePriority(_ id: String, priority: Int, lifo: Bool = false) async throws {
        try JobOptions(priority: priority).validate()
        let code = try await run(QueueScript.changePriority, [id, String(priority), lifo ? "1" : "0"]).int
        try ScriptReply.check(code ?? -1, context: "changePriority \(id) (only a job that has not started)")
    }

    /// Replaces job `id`'s data with JSON text; throws `.jobNotFound` for an unknown job.
    public func updateData(_ id: String, json: String) async throws {
        try JSONValue.validate(json)
        try ScriptReply.check(try await run(QueueScript.updateData, [id, json]).int ?? -1, context: "updateData \(id)")
    }

    /// How many jobs wait with each of `priorities` (0: the plain waiting list), as BullMQ's
    /// `getCountsPerPriority`.
    public func counts(perPriority priorities: [Int]) async throws -> [Int: Int] {
        let commands = priorities.map { priority -> [String] in
            guard priority > 0 else { return ["LLEN", keys.wait] }
            let low = Int64(priority) * 4_294_967_296
            return ["ZCOUNT", keys.prioritized, String(low), String(low + 4_294_967_295)]
        }
        let replies = try await client.pipeline(commands)
        var counts: [Int: Int] = [:]
        for (priority, reply) in zip(priorities, replies) { counts[priority] = try reply.get().int ?? 0 }
        return counts
    }

    /// Makes every delayed job ready now, `batch` per script call (BullMQ's `promoteJobs`).
    public func promoteAll(batch: Int = 1000) async throws {
        guard batch > 0 else { throw QueueError(.invalidOption, "promoteAll: batch must be > 0, got \(batch)") }
        while try await run(QueueScript.promoteJobs, [String(batch)]).int ?? 0 > 0 {}
    }
}
