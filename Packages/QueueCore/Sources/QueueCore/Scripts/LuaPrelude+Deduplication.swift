extension LuaPrelude {
    /// Deduplication helpers (BullMQ's semantics; see `Deduplication`): the claim `de:<id>` holds the id of the
    /// job that owns it, `dn:<id>` the add kept aside by `keepLastIfActive` while that job is active.
    static let deduplication = #"""
        -- Stores a job hash and makes it ready (or delayed), with its events. `deid` may be nil.
        local function storeAndEnqueue(id, name, data, opts, timestamp, delay, priority, lifo, deid, meta)
          local jobKey = B .. id
          redis.call('HSET', jobKey, 'name', name, 'data', data, 'opts', opts, 'timestamp', timestamp,
            'delay', delay, 'priority', priority)
          if deid then redis.call('HSET', jobKey, 'deid', deid) end
          emit(meta[1], 'added', 'jobId', id, 'name', name)
          if delay > 0 then
            local due = tonumber(timestamp) + delay
            addDelayed(id, due)
            emit(meta[1], 'delayed', 'jobId', id, 'delay', fmt(due))
            markNextDelayed()
          else
            requeue(id, priority, lifo, meta)
            markReadyUnlessPaused(meta)
            emit(meta[1], 'waiting', 'jobId', id)
          end
        end
        local function claimKey(deid) return B .. 'de:' .. deid end
        local function keptAddKey(deid) return B .. 'dn:' .. deid end
        -- Claims `deid` for job `id`: for `ttl` ms when set, except in keepLastIfActive mode (until it finishes).
        local function claim(deid, id, ttl, keepLast)
          if ttl > 0 and not keepLast then
            redis.call('SET', claimKey(deid), id, 'PX', ttl)
          else
            redis.call('SET', claimKey(deid), id)
          end
        end
        local function emitDeduplicated(maxLen, owner, deid, dropped)
          emit(maxLen, 'deduplicated', 'jobId', owner, 'deduplicationId', deid, 'deduplicatedJobId', dropped)
        end
        -- A claim without expiry whose job no longer exists is stale: it passes to `id`. Returns whether it did.
        local function takeOverStaleClaim(deid, owner, id, ttl, keepLast)
          if owner and redis.call('PTTL', claimKey(deid)) == -1 and redis.call('EXISTS', B .. owner) == 0 then
            redis.call('DEL', claimKey(deid), keptAddKey(deid))
            claim(deid, id, ttl, keepLast)
            return true
          end
          return false
        end
        -- keepLastIfActive: while the owner is active, the add is kept (replacing any kept before) and added when
        -- the owner finishes. Returns whether it was kept.
        local function keepAddForLater(a, owner, maxLen)
          if not (a.keepLast and owner and redis.call('LPOS', B .. 'active', owner)) then return false end
          local key = keptAddKey(a.deid)
          redis.call('DEL', key)
          redis.call('HSET', key, 'name', a.name, 'data', a.data, 'opts', a.opts, 'jid', a.id)
          redis.call('PERSIST', claimKey(a.deid))
          emitDeduplicated(maxLen, owner, a.deid, a.id)
          return true
        end
        -- Applies the deduplication of an add `a` {id, deid, ttl, extend, replace, keepLast, name, data, opts}.
        -- Returns the owning job's id when the add is dropped, nil when it goes ahead.
        local function deduplicate(a, maxLen)
          local key = claimKey(a.deid)
          if a.replace then
            local owner = redis.call('GET', key)
            if not owner then
              claim(a.deid, a.id, a.ttl, a.keepLast)
              return nil
            end
            if redis.call('ZREM', B .. 'delayed', owner) > 0 then
              deleteJobKeys(B .. owner)
              emit(maxLen, 'removed', 'jobId', owner, 'prev', 'delayed')
              emitDeduplicated(maxLen, a.id, a.deid, owner)
              redis.call('DEL', keptAddKey(a.deid))
              if a.keepLast then
                redis.call('SET', key, a.id)
              elseif not a.extend and a.ttl > 0 then
                redis.call('SET', key, a.id, 'KEEPTTL')
              else
                claim(a.deid, a.id, a.ttl, false)
              end
              return nil
            end
            if takeOverStaleClaim(a.deid, owner, a.id, a.ttl, a.keepLast) then return nil end
            keepAddForLater(a, owner, maxLen)
            return owner
          end
          local taken
          if a.ttl > 0 and a.extend then
            local owner = redis.call('GET', key)
            if not owner then
              claim(a.deid, a.id, a.ttl, a.keepLast)
              return nil
            end
            if takeOverStaleClaim(a.deid, owner, a.id, a.ttl, a.keepLast) then return nil end
            if keepAddForLater(a, owner, maxLen) then return owner end
            claim(a.deid, owner, a.ttl, a.keepLast)
            emitDeduplicated(maxLen, owner, a.deid, a.id)
            return owner
          elseif a.ttl > 0 and not a.keepLast then
            taken = not redis.call('SET', key, a.id, 'PX', a.ttl, 'NX')
          else
            taken = not redis.call('SET', key, a.id, 'NX')
          end
          if not taken then return nil end
          local owner = redis.call('GET', key)
          if takeOverStaleClaim(a.deid, owner, a.id, a.ttl, a.keepLast) then return nil end
          if keepAddForLater(a, owner, maxLen) then return owner end
          emitDeduplicated(maxLen, owner, a.deid, a.id)
          return owner
        end
        -- A job that finished (completed, or failed for good) gives up a claim without expiry, and an add kept
        -- for later is added now.
        local function releaseClaimOnFinish(id, deid, now, meta)
          local key = claimKey(deid)
          local ttl = redis.call('PTTL', key)
          if ttl == 0 or (ttl == -1 and redis.call('GET', key) == id) then redis.call('DEL', key) end
          local keptKey = keptAddKey(deid)
          local kept = redis.call('HMGET', keptKey, 'name', 'data', 'opts', 'jid')
          if not kept[1] then return end
          local counter = string.format('%d', redis.call('INCR', B .. 'id'))
          local newId = kept[4] or counter
          local ok, opts = pcall(cjson.decode, kept[3] or '{}')
          if not ok or type(opts) ~= 'table' then opts = {} end
          local de = type(opts['de']) == 'table' and opts['de'] or {}
          claim(deid, newId, tonumber(de['ttl']) or 0, de['keepLastIfActive'] == true)
          storeAndEnqueue(newId, kept[1], kept[2] or '{}', kept[3] or '{}', now, tonumber(opts['delay']) or 0,
            tonumber(opts['priority']) or 0, opts['lifo'] == true, deid, meta)
          redis.call('DEL', keptKey)
        end
        -- Deletes a job removed by an admin operation (remove, clean, drain, obliterate) with its keys, and the
        -- deduplication claim it holds with the add kept for later (retention trimming uses deleteJobKeys: a
        -- finished job has given up its claim already).
        local function deleteJobAndClaim(jobKey, id)
          local deid = redis.call('HGET', jobKey, 'deid')
          if deid and redis.call('GET', claimKey(deid)) == id then
            redis.call('DEL', claimKey(deid), keptAddKey(deid))
          end
          deleteJobKeys(jobKey)
        end

        """#
}
