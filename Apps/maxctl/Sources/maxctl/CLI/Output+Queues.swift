import Monitoring

extension Output {
    /// `maxctl queues`: one row per queue (SOURCE says where DONE/MIN and FAILED RATE come from), then the
    /// window and Redis.
    static func printQueues(_ measurement: QueueMeasurement) {
        guard !measurement.queues.isEmpty else {
            print("no queues under prefix '\(measurement.prefix)' (no \(measurement.prefix):*:meta keys)")
            return
        }
        var table = Table(
            "QUEUE", "WAITING", "ACTIVE", "COMPLETED", "FAILED", "DELAYED", "PRIORITIZED", "STALLED", "WORKERS",
            "DONE/MIN",
            "FAILED RATE", "SOURCE", "AVG MS", "PAUSED")
        for sample in measurement.queues {
            let counts = sample.counts
            table.add(
                sample.queue, "\(counts.waiting)", "\(counts.active)", "\(counts.completed)", "\(counts.failed)",
                "\(counts.delayed)", "\(counts.prioritized)", "\(sample.stalled)", workersCell(sample.workers),
                optional(sample.completedPerMinute),
                optional(sample.failedRate.map { $0 * 100 }, suffix: "%"),
                sourceLabel(sample.window.completed, mode: measurement.mode), optional(sample.averageProcessingMs),
                sample.paused ? "yes" : "no")
        }
        print(table.text)
        print("\nDONE/MIN and FAILED RATE: \(windowLine(measurement.queues[0].window, mode: measurement.mode))")
        if measurement.mode == .lastMinute,
            measurement.queues.contains(where: { $0.window.completed.source == .unavailable })
        {
            print(noSourceHint)
        }
        for sample in measurement.queues {
            if let reason = sample.window.completed.reason { print("\(sample.queue): partial: \(reason)") }
            for note in sample.notes { print("note: \(note)") }
        }
        print(redisLine(measurement.redis))
    }

    /// WORKERS: the count, `+N other` when other clients' workers are among them, `?` when unknown.
    static func workersCell(_ workers: QueueWorkers) -> String {
        guard let count = workers.count else { return "?" }
        let others = workers.others ?? 0
        return others > 0 ? "\(count) (\(others) other)" : "\(count)"
    }

    /// `maxctl queue stats <name>`: every figure of one sample, one per line, with its source.
    static func printQueueStats(_ sample: QueueSample, mode: QueueMeasurement.Mode) {
        var table = Table("FIGURE", "VALUE", "SOURCE")
        for (state, count) in sample.counts.byState { table.add(state, "\(count)", "count") }
        table.add("stalled", "\(sample.stalled)", "active jobs without a lock")
        table.add("oldest waiting ms", sample.oldestWaitingAgeMs.map { "\($0)" } ?? "-", "instant")
        table.add("paused", sample.paused ? "yes" : "no", "meta")
        table.add("legacy paused list", "\(sample.legacyPausedJobs)", "LLEN paused (Node BullMQ 5.x or older)")
        table.add(
            "workers", workersCell(sample.workers), "CLIENT LIST" + (sample.workers.reason.map { ": \($0)" } ?? ""))
        for worker in sample.workers.workers {
            table.add("  worker", worker.name ?? "(unnamed)", "\(worker.client.rawValue) at \(worker.address)")
        }
        let window = sample.window
        func source<Value>(_ figure: WindowFigure<Value>) -> String { sourceLabel(figure, mode: mode) }
        table.add("completed in window", window.completed.value.map { "\($0)" } ?? "-", source(window.completed))
        table.add("failed in window", window.failed.value.map { "\($0)" } ?? "-", source(window.failed))
        table.add("retries in window", window.retries.value.map { "\($0)" } ?? "-", source(window.retries))
        table.add("completed per minute", optional(sample.completedPerMinute), source(window.completed))
        table.add("failed rate", optional(sample.failedRate.map { $0 * 100 }, suffix: "%"), source(window.failed))
        table.add("avg processing ms", optional(sample.averageProcessingMs), source(window.averageProcessingMs))
        print("queue \(sample.queue), window: \(windowLine(window, mode: mode))")
        print(table.text)
        if mode == .lastMinute, window.completed.source == .unavailable { print("\n" + noSourceHint) }
        if let reason = window.completed.reason { print("\npartial: \(reason)") }
        for note in sample.notes { print("note: \(note)") }
        print("\n" + redisLine(sample.redis))
    }

    /// Where a window figure came from, in the words of the output: `metrics (last minute), exact`,
    /// `worker counters (live window), exact`, `metrics (last minute), partial` (other clients' workers share the
    /// queue: the reason follows the table), `finished jobs (last minute)`, or `none` when no source had it.
    static func sourceLabel<Value>(_ figure: WindowFigure<Value>, mode: QueueMeasurement.Mode) -> String {
        let name =
            switch figure.source {
            case .workerCounters: "worker counters"
            case .bullmqMetrics: "metrics"
            case .eventsStream: "events"
            case .finishedJobs: "finished jobs"
            case .unavailable: "none"
            }
        guard figure.source != .unavailable else { return name }
        let window = mode == .lastMinute ? "last minute" : "live window"
        return "\(name) (\(window))\(figure.exact ? ", exact" : figure.reason != nil ? ", partial" : "")"
    }

    /// The window in words: `the last full minute, 09:04–09:05 UTC` or `live window of 1000 ms`.
    static func windowLine(_ window: WindowFigures, mode: QueueMeasurement.Mode) -> String {
        switch mode {
        case .lastMinute:
            "the last full minute, \(clock(window.startMs))–\(clock(window.endMs)) UTC (--window D measures live)"
        case .liveWindow: "live window of \(window.durationMs) ms"
        }
    }

    private static let noSourceHint =
        "none: no per-minute metrics (the workers run without BullMQ metrics) and no events stream still holding "
        + "the minute; --window D measures live"

    /// `HH:MM` (UTC) of an instant in ms since 1970.
    private static func clock(_ milliseconds: Int64) -> String {
        let minuteOfDay = (milliseconds / 60_000) % 1440
        func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(twoDigits(minuteOfDay / 60)):\(twoDigits(minuteOfDay % 60))"
    }

    private static func redisLine(_ redis: RedisStats) -> String {
        "redis: latency \(number(redis.latencyMs, digits: 2)) ms, memory \(number(redis.usedMemoryMB)) MB "
            + "(peak \(number(Double(redis.peakMemoryBytes) / 1_048_576)) MB), policy \(redis.maxMemoryPolicy)"
    }
}
