import RedisClient

/// Decoding of script replies shared by the queue and the worker.
enum ScriptReply {
    /// What a fetch (moveToActive, or moveToFinished with fetch-next) handed out.
    enum Fetch: Sendable {
        /// A job, now active and locked with the caller's token.
        case job(Job)
        /// The rate limit is reached; retry after this many ms.
        case rateLimited(Int)
        /// Nothing is ready; the next delayed job is due at this time in ms (nil: none).
        case empty(nextDelayedDue: Int64?)
    }

    static func fetch(_ value: RedisValue, context: String) throws -> Fetch {
        if let code = value.int { try check(code, context: context) }
        guard let parts = value.array, parts.count >= 3 else {
            throw QueueError(.unexpectedReply, "\(context): unexpected reply shape")
        }
        if parts[0].int == 1, let id = parts[1].string {
            return .job(try Job(id: id, fields: hash(parts[2])))
        }
        if let ttl = parts[1].int ?? parts[1].string.flatMap({ Int($0) }), ttl > 0 { return .rateLimited(ttl) }
        let due = parts[2].int.map(Int64.init) ?? parts[2].string.flatMap { Int64($0) } ?? 0
        return .empty(nextDelayedDue: due > 0 ? due : nil)
    }

    /// An HGETALL-style flat array as a dictionary.
    static func hash(_ value: RedisValue) -> [String: String] {
        guard let items = value.array else { return [:] }
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let key = items[index].string { fields[key] = items[index + 1].string ?? "" }
            index += 2
        }
        return fields
    }

    /// Throws the `QueueError` for BullMQ's negative script codes; returns non-negative codes unchanged.
    @discardableResult
    static func check(_ code: Int, context: String) throws -> Int {
        switch code {
        case -1: throw QueueError(.jobNotFound, "\(context): the job does not exist")
        case -2: throw QueueError(.lockLost, "\(context): the job's lock is missing (it expired or the job stalled)")
        case -3: throw QueueError(.wrongState, "\(context): the job is not in the expected state")
        case -4: throw QueueError(.pendingDependencies, "\(context): the job has children that have not finished")
        case -9: throw QueueError(.failedChildren, "\(context): a child of the job failed (failParentOnFailure)")
        case -6: throw QueueError(.lockLost, "\(context): the job's lock is held by another worker")
        case ..<0: throw QueueError(.unexpectedReply, "\(context): script returned code \(code)")
        default: return code
        }
    }
}
