import RedisClient

extension QueueScript {
    /// Puts a failed attempt back for another try. ARGV: id, token, now ms, delay ms, failure reason,
    /// stacktrace JSON, lifo ("1"/"0"). Delay > 0 moves the job to delayed (a `delayed` event), else back to
    /// wait or prioritized (a `waiting` event). Counts the retry in `metrics:counters` (`retries`).
    /// Returns 0 or a negative code.
    static let retryAttempt = make(
        #"""
        local id, token, now, delay = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
        local jobKey = B .. id
        local left = leaveActive(jobKey, id, token)
        if left ~= 0 then return left end
        local maxLen = maxEvents()
        redis.call('HSET', jobKey, 'failedReason', ARGV[5], 'stacktrace', ARGV[6])
        redis.call('HINCRBY', jobKey, 'atm', 1)
        redis.call('HINCRBY', B .. 'metrics:counters', 'retries', 1)
        if delay > 0 then
          delayUntil(id, now + delay, delay, maxLen)
        else
          requeue(id, jobPriority(jobKey), ARGV[7] == '1')
          markReadyUnlessPaused()
          emit(maxLen, 'waiting', 'jobId', id, 'prev', 'active')
        end
        return 0
        """#)
}
