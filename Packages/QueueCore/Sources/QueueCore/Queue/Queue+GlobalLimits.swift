import Essentials
import RedisClient

extension Queue {
    /// Caps the jobs processed at once by all workers of the queue, ours and BullMQ's (`meta.concurrency`).
    public func setGlobalConcurrency(_ concurrency: Int) async throws {
        guard concurrency >= 1 else {
            throw QueueError(.invalidOption, "global concurrency must be >= 1, got \(concurrency)")
        }
        try await client.send("HSET", keys.meta, "concurrency", String(concurrency))
    }

    /// The global concurrency cap, or nil when none is set.
    public func globalConcurrency() async throws -> Int? {
        try await client.send("HGET", keys.meta, "concurrency").string.flatMap { Int($0) }
    }

    /// Removes the global concurrency cap.
    public func removeGlobalConcurrency() async throws {
        try await client.send("HDEL", keys.meta, "concurrency")
    }

    /// Limits all workers of the queue to `limit.max` jobs started per `limit.duration` (`meta.max`,
    /// `meta.duration`). As in BullMQ, this `max` wins over a worker's own limiter, and a worker's own window
    /// wins over this `duration`.
    public func setGlobalRateLimit(_ limit: Worker.RateLimit) async throws {
        try limit.validate("a global rate limit")
        try await client.send(
            "HSET", keys.meta, "max", String(limit.max), "duration", String(limit.duration.wholeMilliseconds))
    }

    /// The global rate limit, or nil when none is set.
    public func globalRateLimit() async throws -> Worker.RateLimit? {
        let values = try await client.send("HMGET", keys.meta, "max", "duration").array ?? []
        guard values.count == 2, let max = values[0].string.flatMap({ Int($0) }),
            let duration = values[1].string.flatMap({ Int64($0) })
        else { return nil }
        return Worker.RateLimit(max: max, duration: .milliseconds(duration))
    }

    /// Removes the global rate limit.
    public func removeGlobalRateLimit() async throws {
        try await client.send("HDEL", keys.meta, "max", "duration")
    }
}
