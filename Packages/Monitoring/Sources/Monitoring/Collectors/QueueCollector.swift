import Essentials
internal import QueueCore
import RedisClient

/// Reads queues and Redis itself: queue discovery (SCAN), one collection of every queue in three
/// pipelined round trips (see ``QueueProbe``), PING latency and `INFO memory`.
///
/// Threading: `Sendable`, holds no state; every call is async over the ``RedisClient`` (whose event loop
/// does the I/O off the cooperative pool). Every wait is bounded by the client's connect and command
/// timeouts. maxctl uses it directly (``readLastMinute(_:retries:nowMs:)`` by default, or two reads
/// `--window` apart; then ``WindowCalculator``).
public struct QueueCollector: Sendable {
    /// The client commands go through.
    public let client: RedisClient
    /// The BullMQ key prefix (`QUEUE_PREFIX`).
    public let prefix: String

    /// Creates a collector for queues under `prefix`.
    public init(client: RedisClient, prefix: String) {
        self.client = client
        self.prefix = prefix
    }

    /// The queues under the prefix, found by SCAN for `<prefix>:*:meta` (BullMQ keeps no registry; every
    /// queue that was ever added to has a `meta` hash). Sorted.
    ///
    /// - Parameter maxKeysScanned: bounds the scan (SCAN COUNT 1000 per call) on a huge keyspace. Default 1,000,000.
    public func discoverQueues(maxKeysScanned: Int = 1_000_000) async throws -> [String] {
        let keys = try await RedisScan.keys(
            client, matching: RedisScan.globEscaped(prefix) + ":*:" + QueueKeys.Suffix.meta,
            maxKeysScanned: maxKeysScanned)
        let names = Set(keys.compactMap { QueueKeys.queueName(ofMetaKey: $0, prefix: prefix) })
        return names.sorted()
    }

    /// Redis latency (median of `pings` PING round trips, ms), memory (`INFO memory`) and connected clients
    /// (`INFO clients`; two commands, as Redis before 7 takes one section per `INFO`).
    public func redisStats(pings: Int = 5) async throws -> RedisStats {
        let clock = ContinuousClock()
        var latencies: [Double] = []
        for _ in 0..<max(pings, 1) {
            let started = clock.now
            _ = try await client.send(["PING"])
            latencies.append((clock.now - started).fractionalMilliseconds)
        }
        let info = RedisInfo.fields(try await client.send(["INFO", "memory"]).string ?? "")
        let clients = RedisInfo.fields(try await client.send(["INFO", "clients"]).string ?? "")
        func bytes(_ name: String) -> Int64 { info[name].flatMap { Int64($0) } ?? 0 }
        return RedisStats(
            latencyMs: Median.of(latencies) ?? 0, usedMemoryBytes: bytes("used_memory"),
            peakMemoryBytes: bytes("used_memory_peak"), maxMemoryBytes: bytes("maxmemory"),
            maxMemoryPolicy: info["maxmemory_policy"] ?? "unknown",
            connectedClients: clients["connected_clients"].flatMap { Int($0) })
    }

    /// Reads every queue of `queues` at once: three pipelined round trips in all.
    ///
    /// - Parameters:
    ///   - previous: the last reading per queue; where both it and this one have counters, the events
    ///     stream is not read (the counters give exact window figures).
    ///   - defaultWindowStartMs: the window start for queues without a previous reading.
    ///   - nowMs: the readings' timestamp (wall clock, like BullMQ's job times).
    public func read(
        _ queues: [String], previous: [String: QueueReading], defaultWindowStartMs: Int64,
        nowMs: Int64 = MonitoringJSON.nowMilliseconds()
    ) async throws -> [QueueReading] {
        try await collect(
            queues, nowMs: nowMs, windowStartMs: { previous[$0]?.timestampMs ?? defaultWindowStartMs }, windowEndMs: nil
        ) { queue, first, workers in
            // Counters on both sides give exact counts (BullMQ's) and retries and processing time (ours);
            // the events stream and the stored jobs are read only for what the counters cannot give, and
            // whenever other clients' workers share the queue (then only the stream can be exact).
            let before = previous[queue]
            if FleetExactness.partialReason(now: workers, before: before?.workers) != nil { return .all }
            func ours(_ field: KeyPath<QueueReading.Totals, Int64?>) -> Bool {
                before?.workerCounters?[keyPath: field] != nil && first.workerCounters?[keyPath: field] != nil
            }
            let countsKnown =
                (before?.workerCounters != nil && first.workerCounters != nil)
                || (before?.bullmqMetrics != nil && first.bullmqMetrics != nil)
            return QueueProbe.WindowReads(
                events: !(countsKnown && ours(\.retries)), finished: !ours(\.processingMsTotal))
        }
    }

    /// Reads every queue of `queues` for the last full minute before `nowMs`, in one go (no second
    /// reading to wait for): the same three pipelined round trips as ``read(_:previous:defaultWindowStartMs:nowMs:)``,
    /// with the events stream and the finished jobs read for that minute only. ``WindowCalculator/lastMinuteSample(from:redis:)``
    /// turns each reading into a sample whose counts come from BullMQ's per-minute metrics.
    ///
    /// - Parameters:
    ///   - retries: read the events stream even where the per-minute metrics give the minute's counts (the
    ///     stream is the only source of a minute's retries); without it the stream is read only where they
    ///     cannot.
    ///   - nowMs: the readings' timestamp (wall clock, like BullMQ's job times).
    public func readLastMinute(
        _ queues: [String], retries: Bool, nowMs: Int64 = MonitoringJSON.nowMilliseconds()
    ) async throws -> [QueueReading] {
        let minute = MinuteMetrics.lastFullMinute(beforeMs: nowMs)
        let start = minute * MinuteMetrics.minuteMs
        return try await collect(
            queues, nowMs: nowMs, windowStartMs: { _ in start }, windowEndMs: start + MinuteMetrics.minuteMs
        ) { _, first, workers in
            let countsKnown = first.bullmqMinutes?.finished(inMinute: minute) != nil
            let shared = FleetExactness.partialReason(now: workers, before: nil) != nil
            return QueueProbe.WindowReads(events: retries || shared || !countsKnown, finished: true)
        }
    }

    /// The three stages for every queue: stage 1 (with one `CLIENT LIST` for all queues), then the window
    /// reads `decide` asks for given stage 1 and the queue's workers, over `windowStartMs(queue)` up to
    /// `windowEndMs` (nil: now), then the processing times.
    private func collect(
        _ queues: [String], nowMs: Int64, windowStartMs: (String) -> Int64, windowEndMs: Int64?,
        decide: (String, QueueProbe.Stage1, QueueWorkers) -> QueueProbe.WindowReads
    ) async throws -> [QueueReading] {
        let probes = queues.map { QueueProbe(prefix: prefix, queue: $0) }
        var firstReplies = try await run(probes.map(\.stage1) + [[["CLIENT", "LIST"]]])
        let workers = census(queues, clientList: firstReplies.removeLast().first)
        let firsts = try zip(probes, firstReplies).map { probe, replies in try probe.parseStage1(replies) }

        let starts = queues.map(windowStartMs)
        let reads = queues.indices.map { decide(queues[$0], firsts[$0], workers[$0]) }
        let secondCommands = probes.indices.map {
            probes[$0].stage2(windowStartMs: starts[$0], windowEndMs: windowEndMs, reads: reads[$0])
        }
        let secondReplies = try await run(secondCommands)
        let seconds = try probes.indices.map {
            try probes[$0].parseStage2(
                secondReplies[$0], stage1: firsts[$0], windowStartMs: starts[$0], reads: reads[$0])
        }

        let thirdReplies = try await run(probes.indices.map { probes[$0].stage3(seconds[$0].recentFinishedIDs) })
        return probes.indices.map { index in
            let first = firsts[index]
            let second = seconds[index]
            var stored: QueueReading.StoredFinished?
            if let completed = second.finishedCompleted, let failed = second.finishedFailed {
                stored = QueueReading.StoredFinished(
                    completed: completed, failed: failed, processingMs: probes[index].parseStage3(thirdReplies[index]))
            }
            return QueueReading(
                queue: queues[index], timestampMs: nowMs, counts: first.counts, stalled: first.stalled,
                paused: first.paused, legacyPausedJobs: first.legacyPaused, workers: workers[index],
                oldestWaitingTimestampMs: first.oldestWaitingTimestampMs,
                workerCounters: first.workerCounters, bullmqMetrics: first.bullmqMetrics,
                bullmqMinutes: first.bullmqMinutes, events: second.events, storedFinished: stored)
        }
    }

    /// Each queue's workers from the reply to `CLIENT LIST`; all unknown when Redis refused it (an ACL without
    /// `client`, a managed Redis that hides it): never zero workers for a list that could not be read.
    private func census(_ queues: [String], clientList reply: ProbeReply?) -> [QueueWorkers] {
        if case .error(let message)? = reply {
            return queues.map { _ in .unknown("Redis refused CLIENT LIST (\(message))") }
        }
        guard let text = reply?.string else {
            return queues.map { _ in .unknown("CLIENT LIST gave no readable list") }
        }
        let byQueue = WorkerCensus.workers(of: queues, prefix: prefix, connections: ClientConnection.parse(text))
        return queues.map { byQueue[$0] ?? QueueWorkers(workers: []) }
    }

    /// Sends every group's commands in one pipeline and splits the replies back per group; a failed
    /// command becomes an `.error` reply for its parser to judge.
    private func run(_ groups: [[RedisCommand]]) async throws -> [[ProbeReply]] {
        let results = try await client.pipeline(groups.flatMap { $0 })
        var replies = results.map { result -> ProbeReply in
            switch result {
            case .success(let value): value
            case .failure(let error): .error(error.serverMessage ?? error.message)
            }
        }[...]
        return groups.map { group in
            defer { replies = replies.dropFirst(group.count) }
            return Array(replies.prefix(group.count))
        }
    }
}
