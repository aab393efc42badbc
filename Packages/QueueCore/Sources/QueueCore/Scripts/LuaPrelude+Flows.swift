extension LuaPrelude {
    /// Flow helpers (parent and child jobs, BullMQ's layout): a child's hash names its parent in `parentKey`
    /// (`<prefix>:<queue>:<id>`) and `parent` (JSON `{id, queueKey}` plus its failure policy `fpof`, `cpof`,
    /// `idof` or `rdof`); the parent keeps `:dependencies` (set of unfinished children's keys), `:processed`
    /// (child key → return value JSON), `:failed` (child key → reason, for `cpof`/`idof`) and `:unsuccessful`
    /// (sorted set of child keys, for `fpof`). A parent may live in another queue of the same prefix.
    static let flows = #"""
        -- Runs fn(...) with every helper acting on the queue whose key prefix is `base` (the shared upvalue
        -- B), then restores B: one set of helpers serves the parent's queue too.
        local function onQueue(base, fn, ...)
          local saved = B
          B = base
          local result = fn(...)
          B = saved
          return result
        end
        local flowPolicies = {'fpof', 'cpof', 'idof', 'rdof'}
        -- The parent of the job at `jobKey`: {key, base (its queue's key prefix), id, data (the decoded
        -- `parent` field, {} when only `parentKey` is stored)}, or nil.
        local function parentOf(jobKey)
          local f = redis.call('HMGET', jobKey, 'parentKey', 'parent')
          local data = {}
          if f[2] then
            local ok, decoded = pcall(cjson.decode, f[2])
            if ok and type(decoded) == 'table' and decoded['id'] and decoded['queueKey'] then data = decoded end
          end
          if data['id'] then
            local base = data['queueKey'] .. ':'
            local id = tostring(data['id'])
            return {key = f[1] or (base .. id), base = base, id = id, data = data}
          end
          if not f[1] then return nil end
          local id = string.match(f[1], '.*:(.*)')
          if not id then return nil end
          return {key = f[1], base = string.sub(f[1], 1, #f[1] - #id), id = id, data = data}
        end
        -- What a parent does when this child fails for good: its `parent` field's policy, else (older writers)
        -- the one in its options; nil: the parent keeps waiting.
        local function flowPolicy(jobKey, parent)
          for _, name in ipairs(flowPolicies) do
            if parent.data[name] then return name end
          end
          local ok, opts = pcall(cjson.decode, redis.call('HGET', jobKey, 'opts') or '{}')
          if ok and type(opts) == 'table' then
            for _, name in ipairs(flowPolicies) do
              if opts[name] == true then return name end
            end
          end
          return nil
        end
        -- Moves parent `id` of the current queue out of `waiting-children`: to delayed for its own `delay`
        -- from `now`, to prioritized, or to the front of the ready list (BullMQ runs a released parent next).
        local function releaseParent(id, now)
          if redis.call('ZREM', B .. 'waiting-children', id) == 0 then return end
          local meta = readMeta()
          local f = redis.call('HMGET', B .. id, 'priority', 'delay')
          local delay = tonumber(f[2]) or 0
          if delay > 0 then
            delayUntil(id, now + delay, delay, meta[1])
          else
            requeue(id, tonumber(f[1]) or 0, true, meta)
            markReadyUnlessPaused(meta)
            emit(meta[1], 'waiting', 'jobId', id, 'prev', 'waiting-children')
          end
        end
        -- `fpof`: parent `id` of the current queue fails through its deferred failure (`defa`), which the next
        -- worker applies without running it; its own parent's policy then applies in turn.
        local function failParentLater(id, reason, now)
          local jobKey = B .. id
          if redis.call('EXISTS', jobKey) == 0 or redis.call('ZSCORE', B .. 'failed', id) then return end
          redis.call('HSET', jobKey, 'defa', reason)
          if redis.call('ZREM', B .. 'delayed', id) == 1 then
            redis.call('HSET', jobKey, 'delay', 0)
            redis.call('ZADD', B .. 'waiting-children', now, id)
          end
          releaseParent(id, now)
        end
        -- Releases the parent when `dependencies` (its set) is empty.
        local function releaseParentIfDone(parent, now)
          if redis.call('SCARD', parent.key .. ':dependencies') == 0 then
            onQueue(parent.base, releaseParent, parent.id, now)
          end
        end
        -- A child completed with `value`: recorded in the parent's `:processed`; the last one releases it.
        local function childCompleted(jobKey, value, now)
          local parent = parentOf(jobKey)
          if not parent or redis.call('SREM', parent.key .. ':dependencies', jobKey) == 0 then return end
          redis.call('HSET', parent.key .. ':processed', jobKey, value)
          releaseParentIfDone(parent, now)
        end
        -- A child failed for good with `reason`: its policy decides (fpof fails the parent, cpof releases it,
        -- idof records and drops the dependency, rdof drops it; none leaves the parent waiting).
        local function childFailed(jobKey, reason, now)
          local parent = parentOf(jobKey)
          if not parent then return end
          local policy = flowPolicy(jobKey, parent)
          if not policy or redis.call('SREM', parent.key .. ':dependencies', jobKey) == 0 then return end
          if policy == 'fpof' then
            redis.call('ZADD', parent.key .. ':unsuccessful', now, jobKey)
            onQueue(parent.base, failParentLater, parent.id, 'child ' .. jobKey .. ' failed', now)
          elseif policy == 'cpof' then
            redis.call('HSET', parent.key .. ':failed', jobKey, reason)
            onQueue(parent.base, releaseParent, parent.id, now)
          else
            if policy == 'idof' then redis.call('HSET', parent.key .. ':failed', jobKey, reason) end
            releaseParentIfDone(parent, now)
          end
        end
        -- A child removed before it finished stops being a dependency (BullMQ's removeParentDependencyKey); when
        -- it was the last, the parent moves on, except with `hard` (drain, clean) a parent in the current queue,
        -- which is removed too, as BullMQ's drain and clean do. Returns whether it was a dependency.
        local function dropDependency(jobKey, now, hard)
          local parent = parentOf(jobKey)
          if not parent or redis.call('SREM', parent.key .. ':dependencies', jobKey) == 0 then return false end
          if hard and parent.base == B and redis.call('SCARD', parent.key .. ':dependencies') == 0 then
            if redis.call('ZREM', B .. 'waiting-children', parent.id) == 1 then
              dropDependency(parent.key, now, hard)
              deleteJobAndClaim(parent.key, parent.id)
              emit(maxEvents(), 'removed', 'jobId', parent.id, 'prev', 'waiting-children')
            end
            return true
          end
          releaseParentIfDone(parent, now)
          return true
        end
        -- The queue key prefix and id of a job key (`<prefix>:<queue>:<id>`; BullMQ's split at the last `:`).
        local function splitJobKey(jobKey)
          local id = string.match(jobKey, '.*:(.*)')
          return string.sub(jobKey, 1, #jobKey - #id), id
        end

        """#
}
