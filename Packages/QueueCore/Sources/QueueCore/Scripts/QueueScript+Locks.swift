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

extension QueueScript {
    /// Moves an active job (held by `token`) to delayed without counting an attempt. ARGV: id, token, now ms,
    /// due ms. Returns 0, or -1/-2/-3/-6 (missing job, lock, not active, other token).
    static let moveToDelayed = make(
        #"""
        local id, token, now, due = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
        local jobKey = B .. id
        local left = leaveActive(jobKey, id, token)
        if left ~= 0 then return left end
        delayUntil(id, due, math.max(due - now, 0), maxEvents())
        return 0
        """#)

    /// Rate-limits the queue for ARGV[3] ms (the limiter key at BullMQ's manual value, which every fetch
    /// honours) and puts an active job (held by `token`) back at the front of the ready list without counting
    /// an attempt. ARGV: id, token, ms. Returns 0, or -1/-2/-3/-6.
    static let rateLimitAndRequeue = make(
        #"""
        local id, token = ARGV[1], ARGV[2]
        local jobKey = B .. id
        local left = leaveActive(jobKey, id, token)
        if left ~= 0 then return left end
        redis.call('SET', B .. 'limiter', fmt(manualRateLimit), 'PX', ARGV[3])
        local meta = readMeta()
        requeue(id, jobPriority(jobKey), true, meta)
        redis.call('HINCRBY', jobKey, 'ats', -1)
        emit(meta[1], 'waiting', 'jobId', id, 'prev', 'active')
        return 0
        """#)
}
