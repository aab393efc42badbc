import Essentials
import RedisClient
import Synchronization

/// The job a processor is running, reachable from inside the processor (a task-local value), with the
/// moves BullMQ lets a processor make: progress, logs, a delay, a rate limit, discarding retries, extending
/// the lock.
///
/// When the worker loses the job's lock (it expired and the stalled check may have handed the job to
/// another worker), the processor's task is cancelled: check `Task.isCancelled` in long work, whose result
/// would be rejected anyway.
public struct JobContext: Sendable {
    /// The running job.
    public let job: Job
    let queue: Queue
    let token: String
    let control: JobControl

    @TaskLocal static var current: JobContext?

    private static func running(_ operation: String) throws -> JobContext {
        guard let context = current else {
            throw QueueError(.invalidOption, "\(operation) must be called from inside a worker's processor")
        }
        return context
    }

    /// Records progress (any JSON-encodable value) on the running job: HSET `progress` and a `progress`
    /// event. Throws `.invalidOption` when called outside a processor.
    public static func updateProgress(_ progress: some Encodable) async throws {
        let context = try running("updateProgress")
        let json = try Queue.encodeJSON(progress)
        let code = try await context.queue.run(QueueScript.updateProgress, [context.job.id, json]).int ?? 0
        try ScriptReply.check(code, context: "updateProgress \(context.job.id)")
    }

    /// Appends a line to the running job's log (BullMQ's `job.log`), keeping the job's `keepLogs` newest.
    /// Returns how many lines the job keeps. Throws `.invalidOption` when called outside a processor.
    @discardableResult
    public static func log(_ line: String) async throws -> Int {
        let context = try running("log")
        return try await context.queue.addLog(context.job.id, line, keepLogs: context.job.options.keepLogs)
    }

    /// Moves the running job to delayed until `due` (ms since 1970) without counting an attempt, and ends the
    /// processor with `DelayedError` (BullMQ's `moveToDelayed` + `DelayedError`): the job runs again then.
    public static func moveToDelayed(until due: Int64) async throws -> Never {
        let context = try running("moveToDelayed")
        let arguments = [context.job.id, context.token, String(Queue.nowMs()), String(due)]
        let code = try await context.queue.run(QueueScript.moveToDelayed, arguments).int ?? -1
        try ScriptReply.check(code, context: "moveToDelayed \(context.job.id)")
        throw DelayedError()
    }

    /// The running job as a flow parent, for `FlowProducer.add(_:parent:)` (its queue must share the producer's
    /// prefix for the producer's other queues to hash with it on Redis Cluster).
    public static func asParent() throws -> JobParent {
        let context = try running("asParent")
        return JobParent(id: context.job.id, queueKey: String(context.queue.keys.base.dropLast()))
    }

    /// The return values of the running job's completed children, JSON text keyed by child job key (BullMQ's
    /// `job.getChildrenValues()`).
    public static func childrenValues() async throws -> [String: String] {
        let context = try running("childrenValues")
        return try await context.queue.childrenValues(of: context.job.id)
    }

    /// Moves the running job to `waiting-children` while it has children that have not finished, and ends the
    /// processor with `WaitingChildrenError` (BullMQ's `moveToWaitingChildren` + `WaitingChildrenError`): the
    /// job runs again once they have (no attempt counted). Returns when it has no unfinished children, so the
    /// processor goes on. Throws `.failedChildren` when a child failed with `failParentOnFailure`.
    public static func moveToWaitingChildren() async throws {
        let context = try running("moveToWaitingChildren")
        let arguments = [context.job.id, context.token, String(Queue.nowMs())]
        let code = try await context.queue.run(QueueScript.moveToWaitingChildren, arguments).int ?? -1
        try ScriptReply.check(code, context: "moveToWaitingChildren \(context.job.id)")
        if code == 0 { throw WaitingChildrenError() }
    }

    /// Rate-limits the queue for `duration` (every worker's fetch waits until it passes; BullMQ's
    /// `worker.rateLimit`), puts the running job back at the front of the ready list without counting an
    /// attempt, and ends the processor with `RateLimitError`.
    public static func rateLimit(for duration: Duration) async throws -> Never {
        let context = try running("rateLimit")
        let milliseconds = duration.wholeMilliseconds
        guard milliseconds > 0 else { throw QueueError(.invalidOption, "rateLimit needs a duration > 0") }
        let arguments = [context.job.id, context.token, String(milliseconds)]
        let code = try await context.queue.run(QueueScript.rateLimitAndRequeue, arguments).int ?? -1
        try ScriptReply.check(code, context: "rateLimit \(context.job.id)")
        throw RateLimitError()
    }

    /// Makes the running job's next failure final, whatever attempts remain (BullMQ's `job.discard`).
    public static func discard() throws {
        try running("discard").control.discard()
    }

    /// Extends the running job's lock to `duration` from now (the worker renews it by itself every
    /// `lockRenewTime`; this is for a processor that wants a longer lock now). Throws `.lockLost` when the
    /// lock is no longer the worker's.
    public static func extendLock(for duration: Duration) async throws {
        let context = try running("extendLock")
        let arguments = [String(duration.wholeMilliseconds), context.job.id, context.token]
        let lost = try await context.queue.run(QueueScript.extendLocks, arguments).array ?? []
        guard lost.isEmpty else {
            throw QueueError(.lockLost, "extendLock \(context.job.id): the job's lock is no longer this worker's")
        }
    }
}

/// What a processor decided about its running job, read by the worker when the processor ends.
final class JobControl: Sendable {
    private let discarded = Atomic<Bool>(false)

    func discard() { discarded.store(true, ordering: .relaxed) }
    var isDiscarded: Bool { discarded.load(ordering: .relaxed) }
}

/// Thrown by `JobContext.moveToDelayed(until:)`: the job was moved to delayed; the worker neither completes nor
/// fails it.
public struct DelayedError: Error, Sendable {}

/// Thrown by `JobContext.rateLimit(for:)`: the job went back to wait; the worker neither completes nor fails it.
public struct RateLimitError: Error, Sendable {}

/// Thrown by `JobContext.moveToWaitingChildren()`: the job waits for its children; the worker neither completes
/// nor fails it.
public struct WaitingChildrenError: Error, Sendable {}
