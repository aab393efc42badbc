import Monitoring
import RedisClient

/// The live wiring of ``QueueSource``: Monitoring's queue monitor over a `RedisClient` this type owns.
///
/// Interim: Monitoring's `QueueMonitor` actor is still landing; until it does, the snapshot reports
/// that no collection ran, and `/readyz` already PINGs the real Redis.
struct LiveQueueMonitor: Sendable {
    private let client: RedisClient
    /// `host:port` of Redis, for logs (never the password).
    let redisAddress: String

    /// Creates the client (connects lazily) and the monitor.
    init(configuration: MonitoringConfiguration, sink: any AlertSink, logger: StructuredLogger) throws {
        let redis = try RedisConfiguration(
            url: configuration.redisURL, connectTimeout: .seconds(2), commandTimeout: .seconds(2), poolSize: 2)
        client = RedisClient(configuration: redis)
        redisAddress = redis.address
    }

    /// The closures the service reads.
    var source: QueueSource {
        let client = client
        return QueueSource(
            snapshot: { MonitorSnapshot(lastError: "the queue monitor is not wired in yet") },
            history: { _ in nil },
            ping: { _ = try await client.send("PING") })
    }

    /// Starts collecting on the configured interval.
    func start() async {}

    /// Stops collecting and closes the Redis client.
    func stop() async {
        await client.close()
    }
}
