import RedisClient

extension QueueScript {
    /// Renews the locks of active jobs still held by their tokens. ARGV: lockDuration ms, then id/token pairs.
    /// A renewed job leaves the `stalled` candidate set. Returns the ids whose lock was lost.
    static let extendLocks = make(
        #"""
        local lost = {}
        for i = 2, #ARGV, 2 do
          local id, token = ARGV[i], ARGV[i + 1]
          local lockKey = B .. id .. ':lock'
          if redis.call('GET', lockKey) == token then
            redis.call('SET', lockKey, token, 'PX', ARGV[1])
            redis.call('SREM', B .. 'stalled', id)
          else
            lost[#lost + 1] = id
          end
        end
        return lost
        """#)

    /// Records progress of an active job. ARGV: id, progress JSON. Returns 0, or -1 when the job is gone.
    static let updateProgress = make(
        #"""
        local jobKey = B .. ARGV[1]
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        redis.call('HSET', jobKey, 'progress', ARGV[2])
        emit(maxEvents(), 'progress', 'jobId', ARGV[1], 'data', ARGV[2])
        return 0
        """#)
}
