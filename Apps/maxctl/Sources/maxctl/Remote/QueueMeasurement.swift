import Essentials
import Monitoring
import RedisClient

/// Measures queues straight from Redis (no server needed) through Monitoring's `QueueCollector` and
/// `WindowCalculator`, so the figures and their sources are exactly what monitoring-api would report.
///
/// By default it answers at once with the last full minute: completed and failed from BullMQ's per-minute
/// metrics lists (`metrics:completed` / `metrics:failed`), else from an events stream still holding that
/// minute, else `unavailable` (shown as `none`, never a made-up 0); one reading of every queue in three
/// pipelined round trips, whatever the number of queues. With `--window` it measures live instead: two
/// readings `window` apart.
struct QueueMeasurement: Encodable {
    /// How the window figures were measured.
    enum Mode: String, Encodable {
        /// The last full minute, from one reading (the default).
        case lastMinute
        /// Between two readings `--window` apart.
        case liveWindow
    }

    /// The key prefix read.
    let prefix: String
    /// How the window figures were measured.
    let mode: Mode
    /// The window the window figures cover, ms (60,000 for the last minute).
    let windowMs: Int64
    /// Redis at the (last) reading.
    let redis: RedisStats
    /// One sample per queue, sorted by name.
    let queues: [QueueSample]

    /// Reads `queues` (nil: every queue under the prefix): the last full minute when `window` is nil, else
    /// twice, `window` apart. `retries` also reads the events stream where the per-minute metrics give the
    /// counts (the stream is the only source of a minute's retries).
    static func measure(options: CommonOptions, queues names: [String]?, window: Duration?, retries: Bool)
        async throws(CommandFailure) -> QueueMeasurement
    {
        let client = try options.redisClient()
        let collector = QueueCollector(client: client, prefix: options.prefix)
        do {
            // Named queues are checked by their meta keys; the scan runs only to list them all (or the known
            // ones when a name is wrong), which on a large keyspace is the slow part.
            let queues: [String]
            if let names {
                let exists = try await client.pipeline(names.map { ["EXISTS", "\(options.prefix):\($0):meta"] })
                    .map { try $0.get().int == 1 }
                if let missing = exists.firstIndex(of: false) {
                    let discovered = try await collector.discoverQueues()
                    await client.close()
                    throw CommandFailure(
                        "queue '\(names[missing])' has no \(options.prefix):\(names[missing]):meta key in Redis "
                            + "\(client.configuration.address): check the name and --prefix (queues: "
                            + "\(discovered.isEmpty ? "none" : discovered.joined(separator: ", ")))",
                        exitCode: .unknown)
                }
                queues = names
            } else {
                queues = try await collector.discoverQueues()
            }
            let measurement: QueueMeasurement
            if let window {
                measurement = try await live(collector, queues, window: window, prefix: options.prefix)
            } else {
                let readings = try await collector.readLastMinute(queues, retries: retries)
                let redis = try await collector.redisStats()
                measurement = QueueMeasurement(
                    prefix: options.prefix, mode: .lastMinute, windowMs: MinuteMetrics.minuteMs, redis: redis,
                    queues: readings.map { WindowCalculator.lastMinuteSample(from: $0, redis: redis) })
            }
            await client.close()
            return measurement
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            await client.close()
            throw CommandFailure(
                "cannot read the queues from Redis \(client.configuration.address): \(error) "
                    + "(start Redis with `make services-up`, or point --redis / REDIS_URL at it)",
                exitCode: .critical)
        }
    }

    /// Two readings `window` apart (the opt-in live measurement: the wait is the measurement itself).
    private static func live(_ collector: QueueCollector, _ queues: [String], window: Duration, prefix: String)
        async throws -> QueueMeasurement
    {
        let windowMs = window.wholeMilliseconds
        let nowMs = MonitoringJSON.nowMilliseconds()
        let first = try await collector.read(
            queues, previous: [:], defaultWindowStartMs: nowMs - windowMs, nowMs: nowMs)
        try await Task.sleep(for: window)
        let previous = Dictionary(uniqueKeysWithValues: first.map { ($0.queue, $0) })
        let second = try await collector.read(
            queues, previous: previous, defaultWindowStartMs: nowMs, nowMs: MonitoringJSON.nowMilliseconds())
        let redis = try await collector.redisStats()
        let samples = second.map {
            WindowCalculator.sample(from: $0, previous: previous[$0.queue], windowStartMs: nowMs, redis: redis)
        }
        return QueueMeasurement(prefix: prefix, mode: .liveWindow, windowMs: windowMs, redis: redis, queues: samples)
    }
}
