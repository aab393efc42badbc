import RedisClient

extension QueueScript {
    /// Appends a log line to a job, keeping the newest `keepLogs`. ARGV: id, line, keepLogs ("" keeps all).
    /// Returns how many lines the job has, or -1 when it does not exist.
    static let addLog = make(
        #"""
        local jobKey = B .. ARGV[1]
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        local count = redis.call('RPUSH', jobKey .. ':logs', ARGV[2])
        local keep = tonumber(ARGV[3])
        if keep and keep > 0 then
          redis.call('LTRIM', jobKey .. ':logs', -keep, -1)
          return math.min(keep, count)
        end
        return count
        """#)

    /// Makes a delayed job due `delay` ms after `now` instead. ARGV: id, delay ms, now ms. Returns 0, -1 when
    /// the job does not exist, -3 when it is not delayed.
    static let changeDelay = make(
        #"""
        local id, delay, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
        local jobKey = B .. id
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        if redis.call('ZREM', B .. 'delayed', id) == 0 then return -3 end
        delayUntil(id, now + delay, delay, maxEvents())
        return 0
        """#)

    /// Gives a job that has not started a new priority: a waiting or prioritized one moves to where that
    /// priority (and `lifo`) puts it, a delayed one keeps it for when it is promoted. ARGV: id, priority,
    /// lifo ("1"/"0"). Returns 0, -1 when the job does not exist, -3 when it is active or finished.
    static let changePriority = make(
        #"""
        local id, priority, lifo = ARGV[1], tonumber(ARGV[2]), ARGV[3] == '1'
        local jobKey = B .. id
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        local meta = readMeta()
        if redis.call('ZREM', B .. 'prioritized', id) > 0 or redis.call('LREM', B .. 'wait', 0, id) > 0
          or redis.call('LREM', B .. 'paused', 0, id) > 0 then
          requeue(id, priority, lifo, meta)
          markReadyUnlessPaused(meta)
        elseif not redis.call('ZSCORE', B .. 'delayed', id) then
          return -3
        end
        redis.call('HSET', jobKey, 'priority', priority)
        return 0
        """#)

    /// Replaces a job's data. ARGV: id, data JSON. Returns 0, or -1 when the job does not exist.
    static let updateData = make(
        #"""
        local jobKey = B .. ARGV[1]
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        redis.call('HSET', jobKey, 'data', ARGV[2])
        return 0
        """#)

    /// Makes up to ARGV[1] delayed jobs ready now, earliest first. Returns how many remain delayed.
    static let promoteJobs = make(
        #"""
        local meta = readMeta()
        local ids = redis.call('ZRANGE', B .. 'delayed', 0, tonumber(ARGV[1]) - 1)
        for _, id in ipairs(ids) do
          redis.call('ZREM', B .. 'delayed', id)
          local jobKey = B .. id
          redis.call('HSET', jobKey, 'delay', 0)
          requeue(id, jobPriority(jobKey), false, meta)
          emit(meta[1], 'waiting', 'jobId', id, 'prev', 'delayed')
        end
        if #ids > 0 then markReadyUnlessPaused(meta) end
        return redis.call('ZCARD', B .. 'delayed')
        """#)
}
