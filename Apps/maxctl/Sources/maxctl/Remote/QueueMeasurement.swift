import Monitoring
import RedisClient

/// Measures queues straight from Redis (no server needed): two readings `window` apart through
/// Monitoring's `QueueCollector`, turned into samples by its `WindowCalculator`, so the figures and
/// their sources are exactly what monitoring-api would report.
struct QueueMeasurement: Encodable {
    /// The key prefix read.
    let prefix: String
    /// The window the window figures cover, ms.
    let windowMs: Int64
    /// Redis at the second reading.
    let redis: RedisStats
    /// One sample per queue, sorted by name.
    let queues: [QueueSample]

    /// Reads `queues` (nil: every queue under the prefix) twice, `window` apart.
    static func measure(options: CommonOptions, queues names: [String]?, window: Duration) async throws(CommandFailure)
        -> QueueMeasurement
    {
        let client: RedisClient
        do {
            client = RedisClient(
                configuration: try RedisConfiguration(
                    url: options.redisURL, connectTimeout: options.timeout, commandTimeout: options.timeout, poolSize: 1
                ))
        } catch {
            throw CommandFailure("\(error) (fix --redis / REDIS_URL)", exitCode: .unknown)
        }
        let collector = QueueCollector(client: client, prefix: options.prefix)
        do {
            let discovered = try await collector.discoverQueues()
            if let names, let missing = names.first(where: { !discovered.contains($0) }) {
                await client.close()
                throw CommandFailure(
                    "queue '\(missing)' has no \(options.prefix):\(missing):meta key in Redis "
                        + "\(client.configuration.address): check the name and --prefix (queues: "
                        + "\(discovered.isEmpty ? "none" : discovered.joined(separator: ", ")))",
                    exitCode: .unknown)
            }
            let queues = names ?? discovered
            let windowMs = window.wholeMilliseconds
            let nowMs = MonitoringJSON.nowMilliseconds()
            let first = try await collector.read(
                queues, previous: [:], defaultWindowStartMs: nowMs - windowMs, nowMs: nowMs)
            try await Task.sleep(for: window)
            let previous = Dictionary(uniqueKeysWithValues: first.map { ($0.queue, $0) })
            let second = try await collector.read(
                queues, previous: previous, defaultWindowStartMs: nowMs, nowMs: MonitoringJSON.nowMilliseconds())
            let redis = try await collector.redisStats()
            await client.close()
            let samples = second.map {
                WindowCalculator.sample(from: $0, previous: previous[$0.queue], windowStartMs: nowMs, redis: redis)
            }
            return QueueMeasurement(prefix: options.prefix, windowMs: windowMs, redis: redis, queues: samples)
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
}
