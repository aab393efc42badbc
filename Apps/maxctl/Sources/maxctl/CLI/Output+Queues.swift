import Monitoring

extension Output {
    /// `maxctl queues`: one row per queue, then Redis.
    static func printQueues(_ measurement: QueueMeasurement) {
        guard !measurement.queues.isEmpty else {
            print("no queues under prefix '\(measurement.prefix)' (no \(measurement.prefix):*:meta keys)")
            return
        }
        var table = Table(
            "QUEUE", "WAITING", "ACTIVE", "COMPLETED", "FAILED", "DELAYED", "PRIORITIZED", "STALLED", "DONE/MIN",
            "FAILED RATE", "AVG MS", "PAUSED")
        for sample in measurement.queues {
            let counts = sample.counts
            table.add(
                sample.queue, "\(counts.waiting)", "\(counts.active)", "\(counts.completed)", "\(counts.failed)",
                "\(counts.delayed)", "\(counts.prioritized)", "\(sample.stalled)", optional(sample.completedPerMinute),
                optional(sample.failedRate.map { $0 * 100 }, suffix: "%"), optional(sample.averageProcessingMs),
                sample.paused ? "yes" : "no")
        }
        print(table.text)
        print("\nwindow \(measurement.windowMs) ms; " + redisLine(measurement.redis))
    }

    /// `maxctl queue stats <name>`: every figure of one sample, one per line.
    static func printQueueStats(_ sample: QueueSample) {
        var table = Table("FIGURE", "VALUE", "SOURCE")
        for (state, count) in sample.counts.byState { table.add(state, "\(count)", "count") }
        table.add("stalled", "\(sample.stalled)", "active jobs without a lock")
        table.add("oldest waiting ms", sample.oldestWaitingAgeMs.map { "\($0)" } ?? "-", "instant")
        table.add("paused", sample.paused ? "yes" : "no", "meta")
        let window = sample.window
        func source<Value>(_ figure: WindowFigure<Value>) -> String {
            "\(figure.source.rawValue)\(figure.exact ? ", exact" : "")"
        }
        table.add("completed in window", window.completed.value.map { "\($0)" } ?? "-", source(window.completed))
        table.add("failed in window", window.failed.value.map { "\($0)" } ?? "-", source(window.failed))
        table.add("retries in window", window.retries.value.map { "\($0)" } ?? "-", source(window.retries))
        table.add("completed per minute", optional(sample.completedPerMinute), source(window.completed))
        table.add("failed rate", optional(sample.failedRate.map { $0 * 100 }, suffix: "%"), source(window.failed))
        table.add("avg processing ms", optional(sample.averageProcessingMs), source(window.averageProcessingMs))
        print("queue \(sample.queue), window \(window.durationMs) ms")
        print(table.text)
        print("\n" + redisLine(sample.redis))
    }

    private static func redisLine(_ redis: RedisStats) -> String {
        "redis: latency \(number(redis.latencyMs, digits: 2)) ms, memory \(number(redis.usedMemoryMB)) MB "
            + "(peak \(number(Double(redis.peakMemoryBytes) / 1_048_576)) MB), policy \(redis.maxMemoryPolicy)"
    }
}
