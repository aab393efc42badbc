import Monitoring
import RedisClient

/// The live wiring of ``QueueSource``: Monitoring's `QueueMonitor` over a `RedisClient` this type owns.
///
/// Queue discovery (when `QUEUES` is unset) repeats every six intervals, at most every 3 minutes: a
/// new queue shows up within 3 minutes with the default 30 s interval, and quickly with short ones.
struct LiveQueueMonitor: Sendable {
    private let client: RedisClient
    private let monitor: QueueMonitor
    /// `host:port` of Redis, for logs (never the password).
    let redisAddress: String

    /// Creates the client (it connects lazily, in the background) and the monitor; nothing runs yet.
    ///
    /// Redis round trips are bounded by ``redisBound(_:)``, so a hung Redis turns into a failed
    /// collection and a 503 within that bound.
    init(configuration: MonitoringConfiguration, sink: any AlertSink, logger: StructuredLogger) throws {
        let bound = Self.redisBound(configuration)
        let redis = try RedisConfiguration(
            url: configuration.redisURL, connectTimeout: bound, commandTimeout: bound, poolSize: 2)
        client = RedisClient(configuration: redis)
        redisAddress = redis.address
        monitor = QueueMonitor(
            configuration: configuration, client: client, sink: sink, logger: logger,
            discoveryInterval: min(configuration.monitorInterval * 6, .seconds(180)))
    }

    /// The bound on one Redis connect or command: the interval, clamped to 250 ms...2 s (a collection
    /// should not outlive its interval, and a very short interval must not make healthy Redis look down).
    static func redisBound(_ configuration: MonitoringConfiguration) -> Duration {
        min(max(configuration.monitorInterval, .milliseconds(250)), .seconds(2))
    }

    /// The closures the service reads.
    var source: QueueSource {
        let client = client
        let monitor = monitor
        return QueueSource(
            snapshot: { await monitor.snapshot },
            history: { await monitor.samples(of: $0) },
            ping: { _ = try await client.send("PING") })
    }

    /// Starts collecting on the configured interval (the first collection at once).
    func start() async {
        await monitor.start()
    }

    /// Stops collecting and closes the Redis client.
    func stop() async {
        await monitor.stop()
        await client.close()
    }
}
