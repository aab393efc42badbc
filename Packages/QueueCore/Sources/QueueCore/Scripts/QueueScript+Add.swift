import RedisClient

extension QueueScript {
    /// Adds one job. ARGV: customId (or ""), name, timestamp ms, data JSON, opts JSON, delay ms, priority,
    /// lifo ("1"/"0"). Returns `{1, id}` when stored, `{0, id}` when a job with that custom id already exists.
    static let addJob = make(
        #"""
        local meta = readMeta()
        local maxLen = meta[1]
        local counter = redis.call('INCR', B .. 'id')
        local id = ARGV[1]
        local jobKey
        if id == '' then
          -- Counter ids are unique by construction; like BullMQ, only custom ids are checked for a stored job.
          id = string.format('%d', counter)
          jobKey = B .. id
        else
          jobKey = B .. id
          if redis.call('EXISTS', jobKey) == 1 then
            emit(maxLen, 'duplicated', 'jobId', id)
            return {0, id}
          end
        end
        local delay = tonumber(ARGV[6])
        local priority = tonumber(ARGV[7])
        redis.call('HSET', jobKey, 'name', ARGV[2], 'data', ARGV[4], 'opts', ARGV[5], 'timestamp', ARGV[3],
          'delay', ARGV[6], 'priority', ARGV[7])
        emit(maxLen, 'added', 'jobId', id, 'name', ARGV[2])
        if delay > 0 then
          local due = tonumber(ARGV[3]) + delay
          addDelayed(id, due)
          emit(maxLen, 'delayed', 'jobId', id, 'delay', fmt(due))
          markNextDelayed()
        else
          requeue(id, priority, ARGV[8] == '1')
          markReadyUnlessPaused(meta)
          emit(maxLen, 'waiting', 'jobId', id)
        end
        return {1, id}
        """#)
}
