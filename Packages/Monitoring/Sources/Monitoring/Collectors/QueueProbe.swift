internal import QueueCore

/// The commands that read one queue and the parsing of their replies, in three pipelined stages, so one
/// collection of N queues costs three round trips whatever N is. Pure: the collector sends the commands
/// of every queue in one pipeline per stage and hands each queue its replies.
///
/// 1. counts (LLEN/ZCARD), `meta.paused`, stalled jobs and the oldest waiting job's timestamp (one
///    small Lua script, so both are exact at one instant), BullMQ's `metrics:*` totals and newest
///    per-minute points, our workers' counters, the events stream's length and cap;
/// 2. what no counter source gives: the events stream from the window start, the finished jobs of the
///    window (empty when counters cover everything);
/// 3. `processedOn`/`finishedOn` of the most recent finished jobs (only without counters that sum it).
struct QueueProbe {
    /// Active ids checked for a lock per collection; more active jobs than this are not checked.
    static let maxActiveChecked = 1000
    /// Events read from the window start; hitting the cap makes the events figures inexact.
    static let maxEventsRead = 10_000
    /// Finished jobs per state read for processing times.
    static let recentFinishedRead = 10

    let prefix: String
    let queue: String

    /// The queue's key names: QueueCore owns BullMQ's layout.
    private var keys: QueueKeys { QueueKeys(prefix: prefix, queue: queue) }

    // MARK: stage 1

    /// Stage 1: counts and pointers (fixed length; see ``parseStage1(_:)``).
    var stage1: [RedisCommand] {
        [
            ["LLEN", keys.wait], ["LLEN", keys.paused], ["LLEN", keys.active],
            ["ZCARD", keys.completed], ["ZCARD", keys.failed], ["ZCARD", keys.delayed],
            ["ZCARD", keys.prioritized], ["ZCARD", keys.waitingChildren],
            ["HMGET", keys.meta, "paused", "opts.maxLenEvents"],
            [
                "EVAL", Self.instantScript, "3", keys.active, keys.wait, keys.prioritized, keys.base,
                String(Self.maxActiveChecked),
            ],
            ["HMGET", keys.metrics(.completed), "count", "prevTS", "prevCount"],
            ["HMGET", keys.metrics(.failed), "count", "prevTS", "prevCount"],
            ["XLEN", keys.events],
            ["HMGET", keys.workerCounters, "completed", "failed", "retries", "processingMs"],
            ["LINDEX", keys.metricsData(.completed), "0"], ["LINDEX", keys.metricsData(.failed), "0"],
        ]
    }

    /// Counts active jobs without a lock and reads the timestamps of the next waiting jobs in one atomic
    /// step: checking locks in a later round trip would count jobs that finished in between as stalled.
    /// FIFO jobs are LPUSHed and taken from the right, so the right end of `wait` is the oldest; the best
    /// prioritized job stands for the prioritized ones. Returns `{stalled, waitTimestamp, prioritizedTimestamp}`
    /// (`-1` for none). Job keys are built from the queue's key prefix, as BullMQ's scripts do.
    static let instantScript = """
        local ids = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
        local stalled = 0
        for _, id in ipairs(ids) do
          if redis.call('EXISTS', ARGV[1] .. id .. ':lock') == 0 then stalled = stalled + 1 end
        end
        local function stamp(id)
          if not id then return -1 end
          local value = redis.call('HGET', ARGV[1] .. id, 'timestamp')
          return value and tonumber(value) or -1
        end
        local waiting = redis.call('LINDEX', KEYS[2], -1)
        local best = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
        return {stalled, stamp(waiting or nil), stamp(best)}
        """

    /// What stage 1 found.
    struct Stage1: Equatable {
        var counts: JobCounts
        /// Jobs in the legacy `paused` list (Node BullMQ 5.x or older pause); part of `counts.waiting`.
        var legacyPaused: Int
        var paused: Bool
        var stalled: Int
        var oldestWaitingTimestampMs: Int64?
        var bullmqMetrics: QueueReading.Totals?
        var bullmqMinutes: MinuteMetrics?
        var workerCounters: QueueReading.Totals?
        var eventsLength: Int
        var eventsCap: Int
    }

    /// Parses stage 1's replies (same order as ``stage1``).
    func parseStage1(_ replies: [ProbeReply]) throws -> Stage1 {
        guard replies.count == stage1.count else { throw malformed("stage 1 got \(replies.count) replies") }
        func count(_ index: Int) -> Int { replies[index].int ?? 0 }
        let counts = JobCounts(
            waiting: count(0) + count(1), active: count(2), completed: count(3), failed: count(4), delayed: count(5),
            prioritized: count(6), waitingChildren: count(7))
        let meta = replies[8].array ?? []
        let paused = meta.first.map { !$0.isNull } ?? false
        let cap = meta.count > 1 ? meta[1].int ?? 10_000 : 10_000
        if case .error(let message) = replies[9] {
            throw MonitoringError(.collectionFailed, "queue \(queue): the stalled-jobs script failed: \(message)")
        }
        let instant = (replies[9].array ?? []).map { $0.int ?? -1 }
        let stalled = instant.first ?? 0
        let oldest = instant.dropFirst().filter { $0 >= 0 }.min().map(Int64.init)
        // `metrics:<kind>` (HMGET count prevTS prevCount) and the newest point of `metrics:<kind>:data`.
        func series(hash: Int, point: Int) -> MinuteMetrics.Series? {
            let fields = replies[hash].array ?? []
            guard fields.count == 3, let total = fields[0].int else { return nil }
            return MinuteMetrics.Series(
                count: Int64(total), previousTimestampMs: fields[1].double.map { Int64($0) },
                previousCount: Int64(fields[2].int ?? 0), newestPoint: replies[point].int.map(Int64.init))
        }
        let completedSeries = series(hash: 10, point: 14)
        let failedSeries = series(hash: 11, point: 15)
        var metrics: QueueReading.Totals?
        var minutes: MinuteMetrics?
        if completedSeries != nil || failedSeries != nil {
            metrics = QueueReading.Totals(completed: completedSeries?.count ?? 0, failed: failedSeries?.count ?? 0)
            minutes = MinuteMetrics(completed: completedSeries, failed: failedSeries)
        }
        var counters: QueueReading.Totals?
        let counterFields = replies[13].array ?? []
        if counterFields.count == 4, counterFields.contains(where: { !$0.isNull }) {
            func field(_ index: Int) -> Int64? { counterFields[index].int.map(Int64.init) }
            counters = QueueReading.Totals(
                completed: field(0) ?? 0, failed: field(1) ?? 0, retries: field(2), processingMsTotal: field(3))
        }
        return Stage1(
            counts: counts, legacyPaused: count(1), paused: paused, stalled: max(stalled, 0),
            oldestWaitingTimestampMs: oldest,
            bullmqMetrics: metrics, bullmqMinutes: minutes, workerCounters: counters, eventsLength: count(12),
            eventsCap: cap)
    }

    // MARK: stage 2

    /// What stage 2 reads besides locks and waiting timestamps.
    struct WindowReads: Equatable {
        /// The events stream from the window start (when no counters give the counts).
        var events: Bool
        /// The finished jobs of the window (stored counts and the most recent ids for processing times).
        var finished: Bool

        /// Nothing besides locks and timestamps.
        static let none = WindowReads(events: false, finished: false)
        /// Everything.
        static let all = WindowReads(events: true, finished: true)
    }

    /// Stage 2: the window reads asked for (none when counters cover everything), from `windowStartMs` up
    /// to `windowEndMs` (excluded; nil: up to now).
    func stage2(windowStartMs: Int64, windowEndMs: Int64? = nil, reads: WindowReads) -> [RedisCommand] {
        var commands: [RedisCommand] = []
        let start = String(windowStartMs)
        // A stream id without a sequence stands for its whole millisecond; `(` makes a score bound exclusive.
        let lastEntry = windowEndMs.map { String($0 - 1) } ?? "+"
        let end = windowEndMs.map { "(\($0)" } ?? "+inf"
        if reads.events {
            commands += [
                ["XRANGE", keys.events, "-", "+", "COUNT", "1"],
                ["XRANGE", keys.events, "\(start)-0", lastEntry, "COUNT", String(Self.maxEventsRead)],
            ]
        }
        if reads.finished {
            commands += [
                ["ZCOUNT", keys.completed, start, end], ["ZCOUNT", keys.failed, start, end],
                ["ZREVRANGEBYSCORE", keys.completed, end, start, "LIMIT", "0", String(Self.recentFinishedRead)],
                ["ZREVRANGEBYSCORE", keys.failed, end, start, "LIMIT", "0", String(Self.recentFinishedRead)],
            ]
        }
        return commands
    }

    /// What stage 2 found.
    struct Stage2: Equatable {
        var events: QueueReading.EventCounts?
        var finishedCompleted: Int?
        var finishedFailed: Int?
        var recentFinishedIDs: [String]
    }

    /// Parses stage 2's replies (same order as ``stage2(windowStartMs:windowEndMs:reads:)``).
    func parseStage2(_ replies: [ProbeReply], stage1: Stage1, windowStartMs: Int64, reads: WindowReads) throws -> Stage2
    {
        let expected = stage2(windowStartMs: windowStartMs, reads: reads).count
        guard replies.count == expected else { throw malformed("stage 2 got \(replies.count) of \(expected) replies") }
        var index = 0
        var result = Stage2(events: nil, finishedCompleted: nil, finishedFailed: nil, recentFinishedIDs: [])
        if reads.events {
            let oldest = replies[index].array?.first.flatMap(Self.entryMilliseconds)
            let entries = replies[index + 1].array ?? []
            var events = EventTally.count(entries)
            // The stream holds the whole window when nothing was trimmed yet or its oldest entry predates it.
            let untrimmed = stage1.eventsLength < stage1.eventsCap
            events.coversWindow =
                (untrimmed || (oldest.map { $0 <= windowStartMs } ?? true)) && entries.count < Self.maxEventsRead
            result.events = events
            index += 2
        }
        if reads.finished {
            result.finishedCompleted = replies[index].int
            result.finishedFailed = replies[index + 1].int
            result.recentFinishedIDs = ((replies[index + 2].array ?? []) + (replies[index + 3].array ?? [])).compactMap(
                \.string)
        }
        return result
    }

    // MARK: stage 3

    /// Stage 3: `processedOn`/`finishedOn` of `ids`.
    func stage3(_ ids: [String]) -> [RedisCommand] {
        ids.map { ["HMGET", keys.job($0), "processedOn", "finishedOn"] }
    }

    /// Processing times (ms) from stage 3's replies; jobs missing either field are skipped.
    func parseStage3(_ replies: [ProbeReply]) -> [Int64] {
        replies.compactMap { reply in
            guard let fields = reply.array, fields.count == 2, let processed = fields[0].double,
                let finished = fields[1].double, finished >= processed
            else { return nil }
            return Int64(finished - processed)
        }
    }

    /// The ms part of a stream entry's id (`<ms>-<seq>`).
    static func entryMilliseconds(_ entry: ProbeReply) -> Int64? {
        guard let id = entry.array?.first?.string, let dash = id.firstIndex(of: "-") else { return nil }
        return Int64(id[..<dash])
    }

    private func malformed(_ detail: String) -> MonitoringError {
        MonitoringError(
            .collectionFailed, "queue \(queue): unexpected reply shape (\(detail)); is this a BullMQ queue?")
    }
}
