import RedisClient

extension QueueScript {
    /// Moves the next ready job to active and locks it. ARGV: now ms, token, lockDuration ms, limiter max,
    /// limiter duration ms ("0" for none). Returns `{1, id, hgetall}`, `{0, rateLimitTtl, 0}` or
    /// `{0, 0, nextDelayedDueMs}`.
    static let moveToActive = make(
        #"""
        return fetchNext(tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4], ARGV[5], readMeta())
        """#)
}
