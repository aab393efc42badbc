extension LuaPrelude {
    /// Job scheduler helpers (see `Queue.upsertJobScheduler`): a scheduler `<id>` is the hash `repeat:<id>` and
    /// the member `<id>` of the `repeat` sorted set, scored with the due time of its pending iteration, whose
    /// job id is `repeat:<id>:<due ms>` and whose hash names the scheduler in `rjk`.
    static let schedulers = #"""
        local function schedulerJobId(sid, millis) return 'repeat:' .. sid .. ':' .. fmt(tonumber(millis)) end
        -- Whether job `id` is the pending iteration of its scheduler: BullMQ's drain, clean and remove keep it,
        -- or the scheduler would never fire again.
        local function isPendingIteration(id, jobKey)
          local sid = redis.call('HGET', jobKey, 'rjk')
          if not sid then return false end
          local due = redis.call('ZSCORE', B .. 'repeat', sid)
          return due and schedulerJobId(sid, due) == id
        end
        -- Whether the job at `jobKey` belongs to a scheduler that still exists (the stalled check never fails
        -- those: the next iteration depends on them).
        local function belongsToScheduler(jobKey)
          local sid = redis.call('HGET', jobKey, 'rjk')
          if not sid then return false end
          return redis.call('EXISTS', B .. 'repeat:' .. sid) == 1 or redis.call('ZSCORE', B .. 'repeat', sid) ~= false
        end
        -- An `every` scheduler's next due time and offset: the first run at `now` (or `startDate`, or the next
        -- slot at `offset` within multiples of `every`), then the previous due time plus `every`, moved to the
        -- next slot after `now` when runs were missed. The offset defaults to the first run's position in its slot.
        local function everyNextMillis(prev, every, now, offset, startDate)
          local nextMillis
          if not prev then
            if startDate then
              nextMillis = math.max(tonumber(startDate), now)
            elseif offset > 0 then
              nextMillis = math.floor(now / every) * every + offset
              if nextMillis <= now then nextMillis = nextMillis + every end
            else
              nextMillis = now
            end
          else
            nextMillis = prev + every
            if nextMillis < now then
              local aligned = math.floor(now / every) * every + offset
              if aligned <= now then nextMillis = aligned + every else nextMillis = aligned end
            end
          end
          if offset == 0 then offset = nextMillis - math.floor(nextMillis / every) * every end
          return math.floor(nextMillis), math.floor(offset)
        end
        -- Stores a scheduler's iteration `id` from its options JSON (to which the id and delay are added) and
        -- makes it delayed or ready.
        local function storeIteration(sid, id, name, data, optsJSON, now, due, priority, lifo, meta)
          local delay = math.max(due - now, 0)
          local opts = cjson.decode(optsJSON)
          opts['jobId'] = id
          opts['delay'] = delay
          storeAndEnqueue(id, name, data, cjson.encode(opts), fmt(now), delay, priority, lifo, nil, meta)
          redis.call('HSET', B .. id, 'rjk', sid)
          return delay
        end

        """#
}
