import RedisClient

extension QueueScript {
    /// The stalled-job check, throttled across all workers by `stalled-check`. ARGV: maxStalledCount, now ms,
    /// stalledInterval ms. Active jobs that were candidates at the previous check and have no lock go back
    /// to the head of the ready list (wait, or `paused` while paused); past maxStalledCount they get `defa`,
    /// so the next worker fails them, except iterations of job schedulers (as in BullMQ). Returns the
    /// recovered ids.
    static let moveStalledJobsToWait = make(
        #"""
        local checkKey = B .. 'stalled-check'
        if redis.call('EXISTS', checkKey) == 1 then return {} end
        redis.call('SET', checkKey, ARGV[2], 'PX', ARGV[3])
        local meta = readMeta()
        local maxLen = meta[1]
        redis.call('XTRIM', B .. 'events', 'MAXLEN', '~', maxLen)
        local maxStalled = tonumber(ARGV[1])
        local recovered = {}
        local ready = readyList(meta)
        local candidates = redis.call('SMEMBERS', B .. 'stalled')
        redis.call('DEL', B .. 'stalled')
        for _, id in ipairs(candidates) do
          if string.sub(id, 1, 2) == '0:' then
            redis.call('LREM', B .. 'active', 1, id)
          else
            local jobKey = B .. id
            if redis.call('EXISTS', jobKey .. ':lock') == 0 and redis.call('LREM', B .. 'active', 1, id) > 0 then
              local stalls = redis.call('HINCRBY', jobKey, 'stc', 1)
              if stalls > maxStalled and not belongsToScheduler(jobKey) then
                redis.call('HSET', jobKey, 'defa', 'job stalled more than allowable limit')
              end
              redis.call('RPUSH', ready, id)
              markReadyUnlessPaused(meta)
              emit(maxLen, 'waiting', 'jobId', id, 'prev', 'active')
              emit(maxLen, 'stalled', 'jobId', id)
              recovered[#recovered + 1] = id
            end
          end
        end
        local active = redis.call('LRANGE', B .. 'active', 0, -1)
        for i = 1, #active, 5000 do
          redis.call('SADD', B .. 'stalled', unpack(active, i, math.min(i + 4999, #active)))
        end
        return recovered
        """#)
}
