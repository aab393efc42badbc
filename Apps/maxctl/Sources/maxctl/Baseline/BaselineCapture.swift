import Essentials
import Monitoring
import QueueCore
import RedisClient

/// Measures a baseline for `duration`: the monitoring endpoints' latency (each GET every 250 ms), Redis's PING
/// round trip (every 50 ms), then the jobs of each queue that finished inside the window (wait, processing,
/// end to end) and the model caches' load times as `/api/monitoring/ai-models` reports them.
///
/// Both services are checked once before the window opens, so an unreachable one fails at once. Samplers run
/// concurrently on the cooperative pool; the HTTP client does its blocking I/O on its own thread and the Redis
/// client on its connection's. Every wait is bounded by `--timeout`.
struct BaselineCapture {
    /// The endpoints sampled, by figure name (`api/<name>`).
    static let endpoints: [(name: String, path: String)] = [
        ("queue-metrics", "/api/monitoring/queue-metrics"), ("queue-health", "/api/monitoring/queue-health"),
        ("ai-models", "/api/monitoring/ai-models"), ("system-health", "/api/monitoring/system-health"),
        ("metrics", "/metrics"),
    ]
    /// The pause between two requests to one endpoint.
    static let apiInterval = Duration.milliseconds(250)
    /// The pause between two PINGs.
    static let redisInterval = Duration.milliseconds(50)

    let options: CommonOptions
    let duration: Duration
    /// The queues to read; nil: every queue under the prefix.
    let queues: [String]?

    /// Runs the capture.
    ///
    /// - Throws: ``CommandFailure`` with exit code `unreachable` when the API or Redis cannot be reached (before
    ///   or during the window), `.unknown` for a bad Redis URL.
    func run(unreachable: ExitCode) async throws(CommandFailure) -> BaselineDocument {
        let api = APIClient(options: options)
        let client = try options.redisClient(poolSize: 2)
        do {
            let document = try await measure(api: api, client: client)
            await client.close()
            return document
        } catch let failure as APIClient.Failure {
            await client.close()
            throw CommandFailure("cannot measure: \(failure)", exitCode: unreachable)
        } catch {
            await client.close()
            throw CommandFailure(
                "cannot measure: Redis at \(client.configuration.address): \(error) "
                    + "(start Redis with `make services-up`, or point --redis / REDIS_URL at it)",
                exitCode: unreachable)
        }
    }

    private func measure(api: APIClient, client: RedisClient) async throws -> BaselineDocument {
        // Fail before the window when either service is down.
        _ = try await api.status("/api/monitoring/system-health")
        _ = try await client.send("PING")
        let clock = ContinuousClock()
        let start = MonitoringJSON.nowMilliseconds()
        let deadline = clock.now.advanced(by: duration)
        var samples = BaselineSamples()
        try await withThrowingTaskGroup(of: [(String, Double)].self) { group in
            for endpoint in Self.endpoints {
                group.addTask {
                    try await Self.sample(until: deadline, every: Self.apiInterval) {
                        _ = try await api.status(endpoint.path)
                    }.map { ("api/\(endpoint.name)", $0) }
                }
            }
            group.addTask {
                try await Self.sample(until: deadline, every: Self.redisInterval) {
                    _ = try await client.send("PING")
                }.map { ("redis/ping", $0) }
            }
            for try await figure in group {
                for (name, milliseconds) in figure { samples.add(name, milliseconds: milliseconds) }
            }
        }
        let end = MonitoringJSON.nowMilliseconds()
        try await addQueues(to: &samples, client: client, window: start...end)
        var figures = samples.figures
        let models = try await api.get("/api/monitoring/ai-models", as: AIModelsReport.self).body
        for cache in [models.social, models.advertising] {
            figures["modelLoad/\(cache.modelType)"] = BaselineFigure(
                count: Int(cache.totalLoads), meanMs: cache.averageLoadTimeMs, p95Ms: cache.p95LoadTimeMs)
        }
        return BaselineDocument(
            capturedAt: end, durationMs: end - start,
            source: .init(api: options.api, redis: client.configuration.address, prefix: options.prefix),
            figures: figures)
    }

    /// Runs `probe` until `deadline`, `interval` apart, and answers each round trip in milliseconds.
    private static func sample(
        until deadline: ContinuousClock.Instant, every interval: Duration, _ probe: @Sendable () async throws -> Void
    ) async throws -> [Double] {
        let clock = ContinuousClock()
        var roundTrips: [Double] = []
        while clock.now < deadline {
            let started = clock.now
            try await probe()
            roundTrips.append((clock.now - started).fractionalMilliseconds)
            try await clock.sleep(until: min(started.advanced(by: interval), deadline))
        }
        return roundTrips
    }

    /// The wait, processing and end-to-end times of the jobs that finished in `window` (ms since 1970), for
    /// every queue (each declared, so a queue where nothing finished is recorded with count 0).
    private func addQueues(to samples: inout BaselineSamples, client: RedisClient, window: ClosedRange<Int64>)
        async throws
    {
        let names: [String]
        if let queues {
            names = queues
        } else {
            names = try await QueueCollector(client: client, prefix: options.prefix).discoverQueues()
        }
        for name in names {
            for timing in ["wait", "processing", "endToEnd"] {
                samples.declare(BaselineSamples.queueFigure(name, timing))
            }
            let queue = try Queue(name: name, client: client, configuration: .init(prefix: options.prefix))
            for state in [JobState.completed, .failed] {
                for job in try await queue.finishedJobs(in: state, finishedOn: window) {
                    samples.addJob(
                        queue: name, readyAt: job.timestamp + Int64(job.options.delay), processedOn: job.processedOn,
                        finishedOn: job.finishedOn)
                }
            }
        }
    }
}
