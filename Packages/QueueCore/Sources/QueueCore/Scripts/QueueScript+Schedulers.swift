import RedisClient

extension QueueScript {
    /// Creates or replaces a job scheduler and its pending iteration. ARGV: scheduler id, due ms of a pattern's
    /// next run ("" for `every`: computed here from the stored previous run), now ms, iteration name, the rule
    /// fields JSON (`every`, `offset`, `pattern`, `tz`, `limit`, `startDate`, `endDate`, all strings), template
    /// data JSON, template options JSON ("" none), the iteration's options JSON (without `jobId` and `delay`),
    /// priority, lifo ("1"/"0"). Returns `{jobId, delay}`, -10 when a pattern's iteration id is taken by a job
    /// not pending for this scheduler, -11 when 32 consecutive `every` slots are taken.
    static let upsertJobScheduler = make(
        #"""
        local sid, now = ARGV[1], tonumber(ARGV[3])
        local rule = cjson.decode(ARGV[5])
        local repeatKey = B .. 'repeat'
        local schedulerKey = repeatKey .. ':' .. sid
        local meta = readMeta()
        local prev = tonumber(redis.call('ZSCORE', repeatKey, sid) or nil)
        local storedOffset = redis.call('HGET', schedulerKey, 'offset')
        local every = tonumber(rule['every'])
        local offset = tonumber(rule['offset']) or 0
        local due = tonumber(ARGV[2])
        local newOffset = offset
        local everyChanged = false
        if every then
          local since = prev
          if prev and tonumber(redis.call('HGET', schedulerKey, 'every')) ~= every then
            since = nil
            everyChanged = true
          end
          due, newOffset = everyNextMillis(since, every, now, offset, rule['startDate'])
        end
        -- The pending iteration is replaced (at the same time for an unchanged `every`) unless it already runs.
        local replaced = false
        if prev then
          local pending = schedulerJobId(sid, prev)
          if redis.call('EXISTS', B .. pending) == 1 then
            if redis.call('ZREM', B .. 'delayed', pending) == 1 or redis.call('ZREM', B .. 'prioritized', pending) == 1
              or redis.call('LREM', readyList(meta), 1, pending) > 0 then
              deleteJobAndClaim(B .. pending, pending)
              replaced = true
            end
          end
        end
        if replaced then
          if every and not everyChanged then due = prev end
        else
          rule['offset'] = tostring(newOffset)
        end
        local id = schedulerJobId(sid, due)
        if redis.call('EXISTS', B .. id) == 1 then
          if every then
            local scanned = 0
            repeat
              due = due + every
              id = schedulerJobId(sid, due)
              scanned = scanned + 1
            until redis.call('EXISTS', B .. id) == 0 or scanned >= 32
            if redis.call('EXISTS', B .. id) == 1 then return -11 end
          elseif not replaced then
            return -10
          end
        end
        redis.call('ZADD', repeatKey, fmt(due), sid)
        local fields = {'name', ARGV[4], 'ic', redis.call('HGET', schedulerKey, 'ic') or '1'}
        if not rule['offset'] and storedOffset then rule['offset'] = storedOffset end
        for _, name in ipairs({'tz', 'limit', 'pattern', 'startDate', 'endDate', 'every', 'offset'}) do
          if rule[name] then
            fields[#fields + 1] = name
            fields[#fields + 1] = rule[name]
          end
        end
        if ARGV[7] ~= '' then
          fields[#fields + 1] = 'opts'
          fields[#fields + 1] = ARGV[7]
        end
        if ARGV[6] ~= '{}' then
          fields[#fields + 1] = 'data'
          fields[#fields + 1] = ARGV[6]
        end
        redis.call('DEL', schedulerKey)
        redis.call('HSET', schedulerKey, unpack(fields))
        redis.call('INCR', B .. 'id')
        local delay = storeIteration(sid, id, ARGV[4], ARGV[6], ARGV[8], now, due, tonumber(ARGV[9]), ARGV[10] == '1', meta)
        return {id, delay}
        """#)

    /// Creates a scheduler's next iteration when a worker takes its pending one (BullMQ's workers do the same on
    /// fetch). ARGV: scheduler id, a pattern's next due ms ("" for `every`), now ms, the iteration's options JSON
    /// (without `jobId` and `delay`), the taken job's id, priority, lifo, the job's `repeat.every` and
    /// `repeat.offset` ("" when absent; used when the scheduler hash lacks them). Returns the new iteration's id,
    /// or nil when the scheduler is gone, the taken job is not its pending iteration, or the next one exists.
    static let nextSchedulerIteration = make(
        #"""
        local sid, now = ARGV[1], tonumber(ARGV[3])
        local repeatKey = B .. 'repeat'
        local prev = redis.call('ZSCORE', repeatKey, sid)
        if not prev then return false end
        prev = tonumber(prev)
        local schedulerKey = repeatKey .. ':' .. sid
        local s = redis.call('HMGET', schedulerKey, 'name', 'data', 'every', 'startDate', 'offset')
        local every = tonumber(s[3]) or tonumber(ARGV[8])
        local due = tonumber(ARGV[2])
        if every then
          due = everyNextMillis(prev, every, now, tonumber(s[5] or ARGV[9]) or 0, s[4])
        end
        if ARGV[5] ~= schedulerJobId(sid, prev) or not due then return false end
        local meta = readMeta()
        local id = schedulerJobId(sid, due)
        if redis.call('EXISTS', B .. id) == 1 then
          emit(meta[1], 'duplicated', 'jobId', id)
          return false
        end
        redis.call('ZADD', repeatKey, fmt(due), sid)
        redis.call('HINCRBY', schedulerKey, 'ic', 1)
        redis.call('INCR', B .. 'id')
        storeIteration(sid, id, s[1] or sid, s[2] or '{}', ARGV[4], now, due, tonumber(ARGV[6]), ARGV[7] == '1', meta)
        return id
        """#)

    /// Removes a job scheduler and its pending iteration while that is delayed (a ready one still runs, and
    /// creates no next one). ARGV: scheduler id. Returns 1 removed, 0 unknown.
    static let removeJobScheduler = make(
        #"""
        local sid = ARGV[1]
        local repeatKey = B .. 'repeat'
        local due = redis.call('ZSCORE', repeatKey, sid)
        if due then
          local id = schedulerJobId(sid, due)
          if redis.call('ZREM', B .. 'delayed', id) == 1 then
            deleteJobAndClaim(B .. id, id)
            emit(maxEvents(), 'removed', 'jobId', id, 'prev', 'delayed')
          end
        end
        if redis.call('ZREM', repeatKey, sid) == 1 then
          redis.call('DEL', repeatKey .. ':' .. sid)
          return 1
        end
        return 0
        """#)
}
