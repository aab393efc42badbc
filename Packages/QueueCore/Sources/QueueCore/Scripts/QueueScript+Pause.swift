import RedisClient

extension QueueScript {
    /// Pauses the queue (6.x semantics): jobs stay in wait, `meta.paused` stops workers, the marker goes.
    static let pause = make(
        #"""
        redis.call('HSET', B .. 'meta', 'paused', 1)
        redis.call('DEL', B .. 'marker')
        emit(maxEvents(), 'paused')
        return 0
        """#)

    /// Resumes the queue, moving at most 7000 ids of a legacy 5.x `paused` list into wait per call (oldest
    /// first, behind what waits already). Returns how many legacy ids remain (call again until 0).
    static let resume = make(
        #"""
        redis.call('HDEL', B .. 'meta', 'paused')
        local legacy = B .. 'paused'
        if redis.call('EXISTS', legacy) == 1 then
          if redis.call('EXISTS', B .. 'wait') == 0 then
            redis.call('RENAME', legacy, B .. 'wait')
          else
            for _ = 1, 7000 do
              if not redis.call('RPOPLPUSH', legacy, B .. 'wait') then break end
            end
          end
        end
        if redis.call('LLEN', B .. 'wait') > 0 or redis.call('ZCARD', B .. 'prioritized') > 0 then
          markReadyUnlessPaused()
        else
          markNextDelayed()
        end
        emit(maxEvents(), 'resumed')
        return redis.call('LLEN', legacy)
        """#)
}
