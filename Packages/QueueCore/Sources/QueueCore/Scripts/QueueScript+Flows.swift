import RedisClient

extension QueueScript {
    /// Adds a whole flow (a tree of jobs over queues of one prefix) atomically. KEYS: the key prefix of every
    /// queue of the tree (so Redis Cluster refuses a tree whose queues do not share a slot), the root's first.
    /// ARGV[1]: JSON array of the nodes in pre-order (a parent before its children), each
    /// `{b: queue key prefix, id, name, data, opts, ts, delay, prio, lifo, kids: has children, pk: parent key
    /// or "", pj: parent field JSON or ""}`. Every check comes before the first write, so a refused tree
    /// writes nothing. The root may name an existing parent (`pk`). Returns `{0, n}` (n jobs added), `{-1, i}`
    /// when node i repeats a job key of the tree, `{-2, i}` when node i's job already exists, `{-5, 1}` when
    /// the root's parent does not exist (BullMQ's code).
    static let addFlow = make(
        #"""
        local nodes = cjson.decode(ARGV[1])
        if nodes[1].pk ~= '' and redis.call('EXISTS', nodes[1].pk) == 0 then return {-5, 1} end
        local seen = {}
        for i, n in ipairs(nodes) do
          local key = n.b .. n.id
          if seen[key] then return {-1, i} end
          seen[key] = true
          if redis.call('EXISTS', key) == 1 then return {-2, i} end
        end
        local function addNode(n)
          local meta = readMeta()
          local jobKey = B .. n.id
          redis.call('INCR', B .. 'id')
          if n.kids then
            redis.call('HSET', jobKey, 'name', n.name, 'data', n.data, 'opts', n.opts, 'timestamp', n.ts,
              'delay', n.delay, 'priority', n.prio)
            emit(meta[1], 'added', 'jobId', n.id, 'name', n.name)
            redis.call('ZADD', B .. 'waiting-children', n.ts, n.id)
            emit(meta[1], 'waiting-children', 'jobId', n.id)
          else
            storeAndEnqueue(n.id, n.name, n.data, n.opts, n.ts, n.delay, n.prio, n.lifo, nil, meta)
          end
          if n.pk ~= '' then
            redis.call('HSET', jobKey, 'parentKey', n.pk, 'parent', n.pj)
            redis.call('SADD', n.pk .. ':dependencies', jobKey)
          end
        end
        for _, n in ipairs(nodes) do onQueue(n.b, addNode, n) end
        return {0, #nodes}
        """#)
}

extension QueueScript {
    /// Moves an active job to `waiting-children` while it has unfinished children (BullMQ's
    /// `moveToWaitingChildren`). ARGV: id, token, now ms. Returns 0 moved, 1 no unfinished children (the job
    /// stays active), -9 a child failed with `fpof`, or -1/-2/-3/-6.
    static let moveToWaitingChildren = make(
        #"""
        local id, token, now = ARGV[1], ARGV[2], ARGV[3]
        local jobKey = B .. id
        if redis.call('EXISTS', jobKey) == 0 then return -1 end
        if redis.call('ZCARD', jobKey .. ':unsuccessful') > 0 then return -9 end
        if redis.call('SCARD', jobKey .. ':dependencies') == 0 then return 1 end
        local left = leaveActive(jobKey, id, token)
        if left ~= 0 then return left end
        redis.call('ZADD', B .. 'waiting-children', now, id)
        emit(maxEvents(), 'waiting-children', 'jobId', id, 'prev', 'active')
        return 0
        """#)
}
