import RedisClient

extension Queue {
    /// The return values of job `id`'s completed children, JSON text keyed by child job key
    /// (`<prefix>:<queue>:<id>`), as BullMQ's `getChildrenValues`; empty for a job with none.
    public func childrenValues(of id: String) async throws -> [String: String] {
        ScriptReply.hash(try await client.send("HGETALL", keys.key(id) + QueueKeys.Suffix.processed))
    }

    /// Job `id`'s children by outcome (processed, unprocessed, failed, ignored), read in one round trip.
    public func dependencies(of id: String) async throws -> JobDependencies {
        let job = keys.key(id)
        let replies = try await client.pipeline([
            ["HGETALL", job + QueueKeys.Suffix.processed],
            ["SMEMBERS", job + QueueKeys.Suffix.dependencies],
            ["ZRANGE", job + QueueKeys.Suffix.unsuccessful, "0", "-1"],
            ["HGETALL", job + QueueKeys.Suffix.failedChildren],
        ])
        return JobDependencies(
            processed: ScriptReply.hash(try replies[0].get()),
            unprocessed: (try replies[1].get().array ?? []).compactMap(\.string).sorted(),
            failed: (try replies[2].get().array ?? []).compactMap(\.string),
            ignored: ScriptReply.hash(try replies[3].get()))
    }

    /// How many children of job `id` are in each group, without reading them (BullMQ's
    /// `getDependenciesCount`).
    public func dependencyCounts(of id: String) async throws -> JobDependencies.Counts {
        let job = keys.key(id)
        let replies = try await client.pipeline([
            ["HLEN", job + QueueKeys.Suffix.processed],
            ["SCARD", job + QueueKeys.Suffix.dependencies],
            ["ZCARD", job + QueueKeys.Suffix.unsuccessful],
            ["HLEN", job + QueueKeys.Suffix.failedChildren],
        ])
        let counts = try replies.map { try $0.get().int ?? 0 }
        return JobDependencies.Counts(
            processed: counts[0], unprocessed: counts[1], failed: counts[2], ignored: counts[3])
    }

    /// Removes job `id`'s children that have not finished, with their own unfinished children, except those a
    /// worker holds (BullMQ's `removeUnprocessedChildren`); the job stays, and moves on from
    /// `waiting-children` once no unfinished child is left. False when the job does not exist.
    @discardableResult
    public func removeUnprocessedChildren(of id: String) async throws -> Bool {
        try await run(QueueScript.removeJob, [id, "u", String(Queue.nowMs())]).int == 1
    }
}
