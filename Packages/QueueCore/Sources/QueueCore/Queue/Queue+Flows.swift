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

    /// One page of job `id`'s children of `group`, from `cursor` (0 = the start), about `count` per page:
    /// HSCAN/SSCAN semantics for `processed`, `ignored` and `unprocessed` (a child changing group meanwhile
    /// may be missed or seen twice), positions in finish order for `failed`. For parents with many children.
    public func dependencies(
        of id: String, _ group: JobDependencies.Group, cursor: Int = 0, count: Int = 100
    ) async throws -> JobDependencies.Page {
        guard count >= 1 else { throw QueueError(.invalidOption, "count must be >= 1, got \(count)") }
        let job = keys.key(id)
        switch group {
        case .failed:
            let entries = try await client.send(
                "ZRANGE", job + QueueKeys.Suffix.unsuccessful, String(cursor), String(cursor + count - 1))
            let children = (entries.array ?? []).compactMap(\.string).map { JobDependencies.Entry(key: $0, value: nil) }
            return JobDependencies.Page(entries: children, nextCursor: children.count == count ? cursor + count : 0)
        case .unprocessed:
            let reply = try await client.send(
                "SSCAN", job + QueueKeys.Suffix.dependencies, String(cursor), "COUNT", String(count))
            let parts = reply.array ?? []
            let children = (parts.last?.array ?? []).compactMap(\.string).map {
                JobDependencies.Entry(key: $0, value: nil)
            }
            return JobDependencies.Page(entries: children, nextCursor: Queue.scanCursor(parts.first))
        case .processed, .ignored:
            let key = job + (group == .processed ? QueueKeys.Suffix.processed : QueueKeys.Suffix.failedChildren)
            let parts = try await client.send("HSCAN", key, String(cursor), "COUNT", String(count)).array ?? []
            let flat = (parts.last?.array ?? []).compactMap(\.string)
            let children = stride(from: 0, to: flat.count - 1, by: 2).map {
                JobDependencies.Entry(key: flat[$0], value: flat[$0 + 1])
            }
            return JobDependencies.Page(entries: children, nextCursor: Queue.scanCursor(parts.first))
        }
    }

    private static func scanCursor(_ value: RedisValue?) -> Int {
        value?.string.flatMap { Int($0) } ?? value?.int ?? 0
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
