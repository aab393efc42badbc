import RedisClient

extension Queue {
    /// The id of the job that holds deduplication id `id` now, or nil when no job holds it.
    public func deduplicationJobId(_ id: String) async throws -> String? {
        try await client.send("GET", keys.deduplication(id)).string
    }

    /// Releases deduplication id `id` whatever job holds it (Node BullMQ's `removeDeduplicationKey`), so
    /// the next add with it creates a job. Returns whether a claim existed.
    @discardableResult
    public func removeDeduplicationKey(_ id: String) async throws -> Bool {
        try await client.send("DEL", keys.deduplication(id)).int == 1
    }
}
