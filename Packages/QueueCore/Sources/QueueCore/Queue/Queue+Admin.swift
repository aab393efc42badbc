import Essentials
import RedisClient

extension Queue {
    /// Pauses the queue: workers (ours, Python's, Node 6.x's) stop fetching; jobs stay in wait.
    public func pause() async throws {
        _ = try await run(QueueScript.pause, [])
    }

    /// Resumes the queue, merging a legacy 5.x `paused` list back into wait.
    public func resume() async throws {
        while try await run(QueueScript.resume, []).int ?? 0 > 0 {}
    }

    /// Moves failed job `id` back to wait (attempts made are kept, as in BullMQ); throws `.wrongState`
    /// when the job is not failed.
    public func retry(_ id: String) async throws {
        try ScriptReply.check(
            try await run(QueueScript.reprocessJobs, ["failed", "id", id]).int ?? -3, context: "retry \(id)")
    }

    /// Moves every job of `state` (`.failed` or `.completed`) back to wait, 1000 per script call.
    public func retryAll(_ state: JobState = .failed) async throws {
        guard state == .failed || state == .completed else {
            throw QueueError(.invalidOption, "retryAll works on failed or completed jobs, not \(state.rawValue)")
        }
        while try await run(QueueScript.reprocessJobs, [state.rawValue, "all", "1000"]).int ?? 0 > 0 {}
    }

    /// Makes delayed job `id` ready now; throws `.wrongState` when it is not delayed.
    public func promote(_ id: String) async throws {
        try ScriptReply.check(try await run(QueueScript.promoteJob, [id]).int ?? -3, context: "promote \(id)")
    }

    /// Deletes up to `limit` jobs (0 = all) of `state` older than `grace` (finish time for completed and
    /// failed, creation time otherwise; locked active jobs are kept). Returns the removed ids.
    @discardableResult
    public func clean(grace: Duration, limit: Int = 0, state: JobState = .completed) async throws -> [String] {
        let cutoff = Queue.nowMs() - grace.wholeMilliseconds
        let reply = try await run(
            QueueScript.clean, [state.rawValue, String(cutoff), String(limit), String(Queue.nowMs())])
        return (reply.array ?? []).compactMap(\.string)
    }

    /// Deletes job `id` from every state with its keys; false when it does not exist. A flow child stops being
    /// a dependency of its parent, which moves on when it was the last (BullMQ's `removeChildDependency`);
    /// with `removeChildren` (BullMQ's default) a flow parent's children go too, recursively, whatever their
    /// state. Throws `.lockLost` when a worker holds the job or an unfinished descendant (active jobs cannot
    /// be removed) and `.wrongState` when it is a job scheduler's pending iteration (remove the scheduler
    /// instead, as BullMQ requires).
    @discardableResult
    public func remove(_ id: String, removeChildren: Bool = true) async throws -> Bool {
        let code =
            try await run(QueueScript.removeJob, [id, removeChildren ? "1" : "0", String(Queue.nowMs())]).int ?? 0
        if code == -2 {
            throw QueueError(
                .lockLost, "remove \(id): a worker holds the job or one of its children; wait until it finishes")
        }
        if code == -8 {
            throw QueueError(
                .wrongState,
                "remove \(id): the job is a job scheduler's pending iteration; remove the scheduler instead")
        }
        return code == 1
    }

    /// Deletes every waiting and prioritized job, and delayed ones when `includeDelayed`; job schedulers'
    /// pending iterations stay, so the schedulers keep firing.
    public func drain(includeDelayed: Bool = false) async throws {
        _ = try await run(QueueScript.drain, [includeDelayed ? "1" : "0", String(Queue.nowMs())])
    }

    /// Deletes the queue and all its jobs. Without `force` the queue must be paused with no active jobs.
    public func obliterate(force: Bool = false) async throws {
        while true {
            let code = try await run(QueueScript.obliterate, ["1000", force ? "1" : "0"]).int ?? 0
            switch code {
            case 0: return
            case -1: throw QueueError(.notPaused, "obliterate \(name): pause the queue first, or pass force: true")
            case -2:
                throw QueueError(.notPaused, "obliterate \(name): jobs are active; wait for them, or pass force: true")
            default: continue
            }
        }
    }
}
