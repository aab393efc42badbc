import RedisClient

extension QueueScript {
    /// Finishes an active job as completed or failed. ARGV: id, token, now ms, target (`completed`|`failed`),
    /// value (return JSON or failure reason), keep count (-1 all, 0 none, n newest), keep age s (0 none),
    /// removal limit, metrics max data points ("" none), stacktrace JSON ("" none), attempts, fetch next
    /// ("1"/"0"), then the fetch arguments (lockDuration, limiter max, limiter duration).
    /// Returns a negative code (BullMQ's, with -4 pending children and -9 failed children for a completion),
    /// or the fetch reply (`{1, id, hgetall}` / `{0, ttl, nextDue}`). A flow child updates its parent.
    /// Also keeps our workers' running totals in `metrics:counters` (`completed`, `failed`, `processingMs`),
    /// which monitors read as the exact source of window figures.
    static let moveToFinished = make(
        #"""
        local id, token, now, target = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
        local jobKey = B .. id
        if target == 'completed' then
          if redis.call('SCARD', jobKey .. ':dependencies') > 0 then return -4 end
          if redis.call('ZCARD', jobKey .. ':unsuccessful') > 0 then return -9 end
        end
        local left = leaveActive(jobKey, id, token)
        if left ~= 0 then return left end
        local meta = readMeta()
        local maxLen = meta[1]
        local deid = redis.call('HGET', jobKey, 'deid')
        if deid then releaseClaimOnFinish(id, deid, now, meta) end
        local processedOn = tonumber(redis.call('HGET', jobKey, 'processedOn'))
        local countersKey = B .. 'metrics:counters'
        redis.call('HINCRBY', countersKey, target, 1)
        if processedOn then redis.call('HINCRBY', countersKey, 'processingMs', math.max(now - processedOn, 0)) end
        if ARGV[10] ~= '' then redis.call('HSET', jobKey, 'stacktrace', ARGV[10]) end
        if target == 'completed' then childCompleted(jobKey, ARGV[5], now) else childFailed(jobKey, ARGV[5], now) end
        local attemptsMade = redis.call('HINCRBY', jobKey, 'atm', 1)
        local field = 'returnvalue'
        if target == 'failed' then field = 'failedReason' end
        local keepCount, keepAge, limit = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
        local setKey = B .. target
        if keepCount ~= 0 then
          redis.call('ZADD', setKey, now, id)
          redis.call('HSET', jobKey, field, ARGV[5], 'finishedOn', now)
          if target == 'failed' then redis.call('HDEL', jobKey, 'defa') end
          if keepAge > 0 then
            local old = redis.call('ZRANGEBYSCORE', setKey, '-inf', now - keepAge * 1000, 'LIMIT', 0, limit)
            for _, oldId in ipairs(old) do
              deleteJobKeys(B .. oldId)
              redis.call('ZREM', setKey, oldId)
            end
          end
          if keepCount > 0 then
            local extra = redis.call('ZRANGE', setKey, 0, -(keepCount + 1))
            for _, oldId in ipairs(extra) do
              deleteJobKeys(B .. oldId)
              redis.call('ZREM', setKey, oldId)
            end
          end
        else
          deleteJobKeys(jobKey)
        end
        emit(maxLen, target, 'jobId', id, field, ARGV[5], 'prev', 'active')
        if target == 'failed' and attemptsMade >= (tonumber(ARGV[11]) or 0) then
          emit(maxLen, 'retries-exhausted', 'jobId', id, 'attemptsMade', attemptsMade)
        end
        if ARGV[9] ~= '' then
          local maxPoints = tonumber(ARGV[9])
          local metricsKey = B .. 'metrics:' .. target
          local count = redis.call('HINCRBY', metricsKey, 'count', 1) - 1
          local prev = redis.call('HMGET', metricsKey, 'prevTS', 'prevCount')
          if not prev[1] then
            redis.call('HSET', metricsKey, 'prevTS', now, 'prevCount', 0)
          else
            local minutes = math.min(math.floor(now / 60000) - math.floor(tonumber(prev[1]) / 60000), maxPoints)
            if minutes > 0 then
              local dataKey = metricsKey .. ':data'
              redis.call('LPUSH', dataKey, count - tonumber(prev[2]))
              for _ = 2, minutes do redis.call('LPUSH', dataKey, 0) end
              redis.call('LTRIM', dataKey, 0, maxPoints - 1)
              redis.call('HSET', metricsKey, 'prevTS', now, 'prevCount', count)
            end
          end
        end
        if ARGV[12] == '1' then
          local nextJob = fetchNext(now, token, ARGV[13], ARGV[14], ARGV[15], meta)
          if nextJob[1] == 1 then return nextJob end
        end
        if redis.call('LLEN', B .. 'wait') == 0 and redis.call('LLEN', B .. 'active') == 0
          and redis.call('ZCARD', B .. 'prioritized') == 0 then
          emit(maxLen, 'drained')
        end
        return {0, 0, 0}
        """#)
}
