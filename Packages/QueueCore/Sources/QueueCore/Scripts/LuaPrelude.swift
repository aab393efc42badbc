/// Lua helpers every queue script starts with.
///
/// Every script gets the queue's key prefix (`bull:<queue>:`, with the trailing colon) as `KEYS[1]` and builds
/// the other key names from it, as BullMQ's own scripts do for job keys. All of a queue's keys therefore must
/// share one Redis Cluster slot: use a hash tag in the prefix (`{bull}`) or the queue name.
enum LuaPrelude {
    /// Shared local functions: event emission, pause/maxed checks, markers, score encodings, re-queueing.
    static let source = #"""
        local B = KEYS[1]
        local function fmt(n) return string.format('%.0f', n) end
        -- The limiter value of a manual rate limit (BullMQ's: Number.MAX_SAFE_INTEGER).
        local manualRateLimit = 9007199254740991
        -- The meta fields scripts need, in one read: [1] events cap (set to 10000 when missing), [2] paused,
        -- [3] global concurrency, [4] global rate-limit max, [5] its duration.
        local function readMeta()
          local m = redis.call('HMGET', B .. 'meta', 'opts.maxLenEvents', 'paused', 'concurrency', 'max', 'duration')
          if not m[1] then
            redis.call('HSET', B .. 'meta', 'opts.maxLenEvents', 10000)
            m[1] = 10000
          end
          m[1] = tonumber(m[1])
          return m
        end
        local function maxEvents()
          return readMeta()[1]
        end
        -- Every entry is added with approximate trimming, so the stream stays near the cap without XTRIM calls.
        local function emit(maxLen, ...)
          redis.call('XADD', B .. 'events', 'MAXLEN', '~', maxLen, '*', 'event', ...)
        end
        -- Whether workers may not take jobs now; `meta` is a readMeta() result when the caller has one.
        local function pausedOrMaxed(meta)
          local m = meta or readMeta()
          if m[2] then return true end
          if m[3] then return redis.call('LLEN', B .. 'active') >= tonumber(m[3]) end
          return false
        end
        local function markReady()
          redis.call('ZADD', B .. 'marker', 0, '0')
        end
        local function markReadyUnlessPaused(meta)
          if not pausedOrMaxed(meta) then markReady() end
        end
        local function markNextDelayed()
          local first = redis.call('ZRANGE', B .. 'delayed', 0, 0, 'WITHSCORES')
          if first[2] then
            redis.call('ZADD', B .. 'marker', fmt(math.floor(tonumber(first[2]) / 4096)), '1')
          end
        end
        -- Delayed score: due ms * 4096 + n, n one more than the highest score already due in that ms (max 4095).
        local function delayedScore(due)
          local base = due * 4096
          local top = redis.call('ZREVRANGEBYSCORE', B .. 'delayed', fmt(base + 4095), fmt(base), 'WITHSCORES', 'LIMIT', 0, 1)
          if top[2] then
            local n = tonumber(top[2]) - base + 1
            if n > 4095 then n = 4095 end
            return base + n
          end
          return base
        end
        local function addDelayed(id, due)
          redis.call('ZADD', B .. 'delayed', fmt(delayedScore(due)), id)
        end
        -- Puts job `id` in delayed until `due` ms with its `delay` field, a `delayed` event and the marker.
        local function delayUntil(id, due, delay, maxLen)
          redis.call('HSET', B .. id, 'delay', delay)
          addDelayed(id, due)
          emit(maxLen, 'delayed', 'jobId', id, 'delay', fmt(due))
          markNextDelayed()
        end
        -- Prioritized score: priority * 2^32 + (counter mod 2^32): best priority first, FIFO within one.
        local function addPrioritized(id, priority)
          local n = redis.call('INCR', B .. 'pc')
          redis.call('ZADD', B .. 'prioritized', fmt(priority * 4294967296 + (n % 4294967296)), id)
        end
        -- The list ready jobs go to: `wait`, or while the queue is paused the legacy `paused` list. A 5.x pause
        -- renames `wait` to `paused` and its resume renames it back, overwriting `wait`; a 6.x resume (and ours)
        -- moves `paused` into `wait`. So a job made ready while paused is safe under either client's resume.
        local function readyList(meta)
          if (meta or readMeta())[2] then return B .. 'paused' end
          return B .. 'wait'
        end
        -- Makes a job ready: prioritized by priority, else at the back of the ready list (front with `lifo`).
        -- `meta` is a readMeta() result when the caller has one.
        local function requeue(id, priority, lifo, meta)
          if priority > 0 then
            addPrioritized(id, priority)
          elseif lifo then
            redis.call('RPUSH', readyList(meta), id)
          else
            redis.call('LPUSH', readyList(meta), id)
          end
        end
        local function jobPriority(jobKey)
          return tonumber(redis.call('HGET', jobKey, 'priority') or '0') or 0
        end
        local function deleteJobKeys(jobKey)
          redis.call('DEL', jobKey, jobKey .. ':logs', jobKey .. ':lock', jobKey .. ':dependencies', jobKey .. ':processed',
            jobKey .. ':failed', jobKey .. ':unsuccessful')
        end
        -- Moves delayed jobs due by `now` to the ready list or prioritized (at most 1000 per call).
        local function promoteDueDelayed(now, meta)
          local due = redis.call('ZRANGEBYSCORE', B .. 'delayed', 0, fmt((now + 1) * 4096 - 1), 'LIMIT', 0, 1000)
          if #due == 0 then return end
          for _, id in ipairs(due) do
            redis.call('ZREM', B .. 'delayed', id)
            local jobKey = B .. id
            requeue(id, jobPriority(jobKey), false, meta)
            redis.call('HSET', jobKey, 'delay', 0)
            emit(meta[1], 'waiting', 'jobId', id, 'prev', 'delayed')
          end
          markReadyUnlessPaused(meta)
        end
        -- Checks the lock of an active job and releases it: 0 when held by `token`, else BullMQ's -2/-6 code.
        local function releaseLock(jobKey, id, token)
          if token ~= '0' then
            local holder = redis.call('GET', jobKey .. ':lock')
            if not holder then return -2 end
            if holder ~= token then return -6 end
            redis.call('DEL', jobKey .. ':lock')
          end
          redis.call('SREM', B .. 'stalled', id)
          return 0
        end
        -- Takes an active job out of `active` for the worker holding it: 0, or -1 (no job), -2/-6 (lock), -3.
        local function leaveActive(jobKey, id, token)
          -- A held lock implies the job exists (nothing deletes a locked job), so only token "0" needs the check.
          if token == '0' and redis.call('EXISTS', jobKey) == 0 then return -1 end
          local released = releaseLock(jobKey, id, token)
          if released ~= 0 then return released end
          if redis.call('LREM', B .. 'active', -1, id) == 0 then return -3 end
          return 0
        end
        -- Hands the next ready job to a worker: [1, id, hash...], [0, rateLimitTtl, 0], or [0, 0, nextDelayedDue].
        local function fetchNext(now, token, lockDuration, limitMax, limitDuration, meta)
          local maxLen = meta[1]
          promoteDueDelayed(now, meta)
          -- BullMQ's precedence: the queue's global max (`meta.max`) wins over the worker's, the worker's own
          -- window wins over the global one (`meta.duration`).
          local maxJobs = tonumber(meta[4] or limitMax) or 0
          local duration = tonumber(limitDuration) or 0
          if duration <= 0 then duration = tonumber(meta[5]) or 0 end
          -- A processor's manual rate limit (the limiter at `manualRateLimit`) holds every worker, limiter or not.
          local used = tonumber(redis.call('GET', B .. 'limiter') or '0')
          if (maxJobs > 0 and used >= maxJobs) or used >= manualRateLimit then
            local ttl = redis.call('PTTL', B .. 'limiter')
            if ttl > 0 then return {0, ttl, 0} end
          end
          if meta[2] or (meta[3] and redis.call('LLEN', B .. 'active') >= tonumber(meta[3])) then return {0, 0, 0} end
          local id = redis.call('RPOPLPUSH', B .. 'wait', B .. 'active')
          while id and string.sub(id, 1, 2) == '0:' do
            redis.call('LREM', B .. 'active', 1, id)
            id = redis.call('RPOPLPUSH', B .. 'wait', B .. 'active')
          end
          if not id then
            local popped = redis.call('ZPOPMIN', B .. 'prioritized')
            if popped[1] then
              id = popped[1]
              redis.call('LPUSH', B .. 'active', id)
            else
              redis.call('DEL', B .. 'pc')
            end
          end
          if not id then
            local first = redis.call('ZRANGE', B .. 'delayed', 0, 0, 'WITHSCORES')
            if first[2] then return {0, 0, fmt(math.floor(tonumber(first[2]) / 4096))} end
            return {0, 0, 0}
          end
          local jobKey = B .. id
          if maxJobs > 0 and duration > 0 then
            if redis.call('INCR', B .. 'limiter') == 1 then redis.call('PEXPIRE', B .. 'limiter', duration) end
          end
          if token ~= '0' then redis.call('SET', jobKey .. ':lock', token, 'PX', lockDuration) end
          emit(maxLen, 'active', 'jobId', id, 'prev', 'waiting')
          redis.call('HSET', jobKey, 'processedOn', now)
          redis.call('HINCRBY', jobKey, 'ats', 1)
          if redis.call('LLEN', B .. 'wait') > 0 or redis.call('ZCARD', B .. 'prioritized') > 0 then markReady() end
          return {1, id, redis.call('HGETALL', jobKey)}
        end

        """#
}
