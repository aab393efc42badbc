import RedisClient

/// The job a processor is running, reachable from inside the processor (a task-local value).
public struct JobContext: Sendable {
    /// The running job.
    public let job: Job
    let queue: Queue

    @TaskLocal static var current: JobContext?

    /// Records progress (any JSON-encodable value) on the running job: HSET `progress` and a `progress`
    /// event. Throws `.invalidOption` when called outside a processor.
    public static func updateProgress(_ progress: some Encodable) async throws {
        guard let context = current else {
            throw QueueError(.invalidOption, "updateProgress must be called from inside a worker's processor")
        }
        let json = try Queue.encodeJSON(progress)
        let code = try await context.queue.run(QueueScript.updateProgress, [context.job.id, json]).int ?? 0
        try ScriptReply.check(code, context: "updateProgress \(context.job.id)")
    }

    /// Appends a line to the running job's log (BullMQ's `job.log`), keeping the job's `keepLogs` newest.
    /// Returns how many lines the job keeps. Throws `.invalidOption` when called outside a processor.
    @discardableResult
    public static func log(_ line: String) async throws -> Int {
        guard let context = current else {
            throw QueueError(.invalidOption, "log must be called from inside a worker's processor")
        }
        return try await context.queue.addLog(context.job.id, line, keepLogs: context.job.options.keepLogs)
    }
}
