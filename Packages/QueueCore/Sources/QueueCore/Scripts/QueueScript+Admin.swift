import RedisClient

extension QueueScript {
    /// The state of one job, checked in BullMQ's order. ARGV: id. Returns the state name or `unknown`.
    static let jobState = make(
        #"""
        local id = ARGV[1]
        for _, set in ipairs({'completed', 'failed', 'delayed', 'prioritized'}) do
          if redis.call('ZSCORE', B .. set, id) then return set end
        end
        if redis.call('LPOS', B .. 'active', id) then return 'active' end
        if redis.call('LPOS', B .. 'wait', id) or redis.call('LPOS', B .. 'paused', id) then return 'waiting' end
        if redis.call('ZSCORE', B .. 'waiting-children', id) then return 'waiting-children' end
        return 'unknown'
        """#)

    /// Removes a job from every state with all its keys. ARGV: id, mode, now ms. A flow child stops being its
    /// parent's dependency (the parent moves on when it was the last). Mode "1": every child of the job
    /// (processed, failed or not) goes too, recursively, as BullMQ's `removeJob`; "0": the job alone; "u": the
    /// job stays and only its unfinished children go, recursively, except locked ones (BullMQ's
    /// `removeUnprocessedChildren`). Returns 1 removed, 0 unknown, -2 the job (or an unfinished descendant) is
    /// locked, -8 the pending iteration of a job scheduler (BullMQ's code; remove the scheduler instead).
    static let removeJob = make(
        #"""
        local id, mode, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local jobKey = B .. id
        local function locked(key)
          if redis.call('EXISTS', key .. ':lock') == 1 then return true end
          if mode ~= '0' then
            for _, child in ipairs(redis.call('SMEMBERS', key .. ':dependencies')) do
              if locked(child) then return true end
            end
          end
          return false
        end
        if mode ~= 'u' and locked(jobKey) then return -2 end
        if redis.call('EXISTS', jobKey) == 0 then return 0 end
        if mode ~= 'u' and isPendingIteration(id, jobKey) then return -8 end
        -- The children of `key` to remove with it: every one, or (mode "u") the unfinished ones not locked.
        local function childrenOf(key)
          local children = redis.call('SMEMBERS', key .. ':dependencies')
          if mode == 'u' then
            local free = {}
            for _, child in ipairs(children) do
              if not locked(child) then table.insert(free, child) end
            end
            return free
          end
          for _, child in ipairs(redis.call('HKEYS', key .. ':processed')) do table.insert(children, child) end
          for _, child in ipairs(redis.call('HKEYS', key .. ':failed')) do table.insert(children, child) end
          for _, child in ipairs(redis.call('ZRANGE', key .. ':unsuccessful', 0, -1)) do
            table.insert(children, child)
          end
          return children
        end
        -- Removes job `jobId` of the current queue (B), and its children unless mode is "0".
        local function removeTree(jobId)
          local key = B .. jobId
          if mode ~= '0' then
            for _, child in ipairs(childrenOf(key)) do
              if redis.call('EXISTS', child) == 1 then
                local base, childId = splitJobKey(child)
                onQueue(base, removeTree, childId)
              end
            end
          end
          local prev = 'unknown'
          for _, list in ipairs({'active', 'wait', 'paused'}) do
            if redis.call('LREM', B .. list, 0, jobId) > 0 then prev = list end
          end
          for _, set in ipairs({'completed', 'failed', 'delayed', 'prioritized', 'waiting-children'}) do
            if redis.call('ZREM', B .. set, jobId) > 0 then prev = set end
          end
          if prev == 'wait' or prev == 'paused' then prev = 'waiting' end
          redis.call('SREM', B .. 'stalled', jobId)
          deleteJobAndClaim(key, jobId)
          emit(maxEvents(), 'removed', 'jobId', jobId, 'prev', prev)
        end
        if mode == 'u' then
          for _, child in ipairs(childrenOf(jobKey)) do
            dropDependency(child, now, false)
            if redis.call('EXISTS', child) == 1 then
              local base, childId = splitJobKey(child)
              onQueue(base, removeTree, childId)
            end
          end
          return 1
        end
        dropDependency(jobKey, now, false)
        removeTree(id)
        return 1
        """#)

    /// Re-queues finished jobs. ARGV: state (`failed`|`completed`), then either `id` mode with one id, or
    /// `all` mode with a batch size. Returns -3 when the single job is not in that state, else how many jobs
    /// remain in the state (call `all` again until 0).
    static let reprocessJobs = make(
        #"""
        local state, mode = ARGV[1], ARGV[2]
        local setKey = B .. state
        local ids
        if mode == 'id' then
          if not redis.call('ZSCORE', setKey, ARGV[3]) then return -3 end
          ids = {ARGV[3]}
        else
          ids = redis.call('ZRANGE', setKey, 0, tonumber(ARGV[3]) - 1)
        end
        local meta = readMeta()
        for _, id in ipairs(ids) do
          local jobKey = B .. id
          redis.call('ZREM', setKey, id)
          redis.call('HDEL', jobKey, 'finishedOn', 'processedOn', 'failedReason', 'returnvalue', 'stacktrace', 'defa')
          local opts = redis.call('HGET', jobKey, 'opts') or ''
          requeue(id, jobPriority(jobKey), string.find(opts, '"lifo":true', 1, true) ~= nil, meta)
          emit(meta[1], 'waiting', 'jobId', id, 'prev', state)
        end
        if #ids > 0 then markReadyUnlessPaused(meta) end
        return redis.call('ZCARD', setKey)
        """#)

    /// Moves a delayed job to the ready list now. ARGV: id. Returns 0, or -3 when the job is not delayed.
    static let promoteJob = make(
        #"""
        local id = ARGV[1]
        if redis.call('ZREM', B .. 'delayed', id) == 0 then return -3 end
        local jobKey = B .. id
        redis.call('HSET', jobKey, 'delay', 0)
        requeue(id, jobPriority(jobKey), false)
        markReadyUnlessPaused()
        emit(maxEvents(), 'waiting', 'jobId', id, 'prev', 'delayed')
        return 0
        """#)

    /// Deletes jobs of one state older than a cut-off. ARGV: state, cut-off ms (finishedOn for completed
    /// and failed, the job timestamp otherwise), limit (0 = no limit), now ms. Locked active jobs and the pending
    /// iterations of job schedulers are kept; a removed flow child leaves its parent as in `drain`. Returns the
    /// removed ids.
    static let clean = make(
        #"""
        local state, cutoff, limit, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local key = B .. state
        if state == 'waiting' then key = B .. 'wait' end
        local removed = {}
        local function take(id)
          dropDependency(B .. id, now, true)
          deleteJobAndClaim(B .. id, id)
          removed[#removed + 1] = id
          return limit > 0 and #removed >= limit
        end
        if state == 'completed' or state == 'failed' then
          local ids
          if limit > 0 then
            ids = redis.call('ZRANGEBYSCORE', key, '-inf', cutoff, 'LIMIT', 0, limit)
          else
            ids = redis.call('ZRANGEBYSCORE', key, '-inf', cutoff)
          end
          for _, id in ipairs(ids) do
            redis.call('ZREM', key, id)
            take(id)
          end
        else
          local isList = state == 'waiting' or state == 'active' or state == 'paused'
          local ids
          if isList then ids = redis.call('LRANGE', key, 0, -1) else ids = redis.call('ZRANGE', key, 0, -1) end
          for _, id in ipairs(ids) do
            local jobKey = B .. id
            local ts = tonumber(redis.call('HGET', jobKey, 'timestamp') or '0') or 0
            if ts <= cutoff and redis.call('EXISTS', jobKey .. ':lock') == 0 and not isPendingIteration(id, jobKey) then
              if isList then redis.call('LREM', key, 0, id) else redis.call('ZREM', key, id) end
              if take(id) then break end
            end
          end
        end
        if #removed > 0 then emit(maxEvents(), 'cleaned', 'count', #removed) end
        return removed
        """#)

    /// Deletes every waiting and prioritized job (and delayed ones when ARGV[1] is "1"), with their keys, except
    /// the pending iterations of job schedulers (as BullMQ's drain). ARGV[2]: now ms. A drained flow child leaves
    /// its parent's dependencies: a parent left with none is removed in this queue, released in another.
    static let drain = make(
        #"""
        local now = tonumber(ARGV[2])
        local pending = {}
        local schedulers = redis.call('ZRANGE', B .. 'repeat', 0, -1, 'WITHSCORES')
        for i = 1, #schedulers, 2 do pending[schedulerJobId(schedulers[i], schedulers[i + 1])] = true end
        local keys = {'wait', 'paused', 'prioritized'}
        if ARGV[1] == '1' then keys[#keys + 1] = 'delayed' end
        for _, name in ipairs(keys) do
          local key = B .. name
          if redis.call('TYPE', key).ok == 'list' then
            local kept = {}
            for _, id in ipairs(redis.call('LRANGE', key, 0, -1)) do
              if pending[id] then
                kept[#kept + 1] = id
              else
                dropDependency(B .. id, now, true)
                deleteJobAndClaim(B .. id, id)
              end
            end
            redis.call('DEL', key)
            for i = 1, #kept, 5000 do redis.call('RPUSH', key, unpack(kept, i, math.min(i + 4999, #kept))) end
          else
            for _, id in ipairs(redis.call('ZRANGE', key, 0, -1)) do
              if not pending[id] then
                dropDependency(B .. id, now, true)
                deleteJobAndClaim(B .. id, id)
                redis.call('ZREM', key, id)
              end
            end
          end
        end
        if redis.call('EXISTS', B .. 'prioritized') == 0 then redis.call('DEL', B .. 'pc') end
        redis.call('DEL', B .. 'marker')
        markNextDelayed()
        if redis.call('LLEN', B .. 'wait') > 0 then markReadyUnlessPaused() end
        return 0
        """#)

    /// Deletes a queue with all its jobs and job schedulers, in batches. ARGV: batch size, force ("1"/"0"). Returns -1 when not
    /// paused and not forced, -2 when jobs are active and not forced, 1 when more remain (call again), 0 done.
    static let obliterate = make(
        #"""
        local batch, force = tonumber(ARGV[1]), ARGV[2] == '1'
        if not force then
          if redis.call('HEXISTS', B .. 'meta', 'paused') == 0 then return -1 end
          if redis.call('LLEN', B .. 'active') > 0 then return -2 end
        end
        local budget = batch
        for _, name in ipairs({'active', 'wait', 'paused', 'prioritized', 'delayed', 'completed', 'failed', 'waiting-children'}) do
          local key = B .. name
          while budget > 0 and redis.call('EXISTS', key) == 1 do
            local ids
            local isList = redis.call('TYPE', key).ok == 'list'
            if isList then ids = redis.call('LRANGE', key, 0, budget - 1) else ids = redis.call('ZRANGE', key, 0, budget - 1) end
            for _, id in ipairs(ids) do deleteJobAndClaim(B .. id, id) end
            if isList then redis.call('LTRIM', key, #ids, -1) else redis.call('ZREMRANGEBYRANK', key, 0, #ids - 1) end
            budget = budget - #ids
          end
          if budget <= 0 then return 1 end
        end
        for _, sid in ipairs(redis.call('ZRANGE', B .. 'repeat', 0, -1)) do redis.call('DEL', B .. 'repeat:' .. sid) end
        redis.call('DEL', B .. 'meta', B .. 'id', B .. 'events', B .. 'marker', B .. 'stalled', B .. 'stalled-check',
          B .. 'limiter', B .. 'pc', B .. 'metrics:completed', B .. 'metrics:completed:data', B .. 'metrics:failed',
          B .. 'metrics:failed:data', B .. 'metrics:counters', B .. 'repeat')
        return 0
        """#)
}
