import RedisClient

extension QueueScript {
    /// Adds one job. ARGV: customId (or ""), name, timestamp ms, data JSON, opts JSON, delay ms, priority,
    /// lifo ("1"/"0"), then deduplication: id ("" none), ttl ms (0 none), extend, replace, keepLastIfActive
    /// ("1"/"0"). Returns `{1, id}` when stored, `{0, id}` when a job with that custom id already exists,
    /// `{2, ownerId}` when deduplication dropped the add in favour of job `ownerId`.
    static let addJob = make(
        #"""
        local meta = readMeta()
        local maxLen = meta[1]
        local counter = redis.call('INCR', B .. 'id')
        local id = ARGV[1]
        if id == '' then
          -- Counter ids are unique by construction; like BullMQ, only custom ids are checked for a stored job.
          id = string.format('%d', counter)
        elseif redis.call('EXISTS', B .. id) == 1 then
          emit(maxLen, 'duplicated', 'jobId', id)
          return {0, id}
        end
        local deid = nil
        if ARGV[9] ~= '' then
          deid = ARGV[9]
          local owner = deduplicate({
            id = id, deid = deid, ttl = tonumber(ARGV[10]), extend = ARGV[11] == '1', replace = ARGV[12] == '1',
            keepLast = ARGV[13] == '1', name = ARGV[2], data = ARGV[4], opts = ARGV[5]
          }, maxLen)
          if owner then return {2, owner} end
        end
        storeAndEnqueue(id, ARGV[2], ARGV[4], ARGV[5], ARGV[3], tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8] == '1',
          deid, meta)
        return {1, id}
        """#)
}
