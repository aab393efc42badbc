import Essentials
import RedisClient

/// The queue monitor: collects every monitored queue and Redis every `MONITOR_INTERVAL_MS`, keeps the
/// last `METRICS_RETENTION` samples per queue, evaluates the thresholds and reports alert transitions.
///
/// Threading: an actor. ``start()`` runs a background task (collect, then sleep the interval); one
/// collection runs at a time (concurrent ``collect()`` calls share it). Every collection is bounded by
/// `collectionTimeout`; a failed one (Redis down, timeout) marks the snapshot with the reason — the
/// health model then says `unhealthy` — and every alert `unknown` (kept, never resolved; ``AlertTracker``), and the
/// next one recovers by itself. Never crashes on Redis errors.
public actor QueueMonitor {
    private let configuration: MonitoringConfiguration
    private let collector: QueueCollector
    private let sink: any AlertSink
    private let logger: StructuredLogger
    private let evaluator: ThresholdEvaluator
    private let discoveryInterval: Duration
    private let collectionTimeout: Duration

    private var queues: [String] = []
    private var lastDiscovery: ContinuousClock.Instant?
    private var histories: [String: QueueHistory] = [:]
    private var readings: [String: QueueReading] = [:]
    private var tracker = AlertTracker()
    private var state = MonitorSnapshot()
    private var inFlight: Task<MonitorSnapshot, Never>?
    private var loop: Task<Void, Never>?

    /// Creates a monitor (nothing runs until ``start()`` or ``collect()``).
    ///
    /// - Parameters:
    ///   - configuration: prefix, queues (nil = discover), interval, retention, thresholds, severities.
    ///   - client: the Redis client (its command timeout bounds each round trip).
    ///   - sink: receives alert transitions (``LogAlertSink`` in the apps).
    ///   - logger: collection failures and recoveries, discoveries (JSON lines).
    ///   - discoveryInterval: how often the queue list is re-scanned when discovering. Default 3 minutes.
    ///   - collectionTimeout: bound on one whole collection. Default the smaller of the interval and 10 s.
    public init(
        configuration: MonitoringConfiguration, client: RedisClient, sink: any AlertSink, logger: StructuredLogger,
        discoveryInterval: Duration = .seconds(180), collectionTimeout: Duration? = nil
    ) {
        self.configuration = configuration
        self.collector = QueueCollector(client: client, prefix: configuration.queuePrefix)
        self.sink = sink
        self.logger = logger
        self.evaluator = ThresholdEvaluator(configuration: configuration)
        self.discoveryInterval = discoveryInterval
        self.collectionTimeout = collectionTimeout ?? min(configuration.monitorInterval, .seconds(10))
        if let configured = configuration.queues { queues = configured.sorted() }
    }

    /// Starts collecting every interval in a background task (the first collection at once). Idempotent.
    public func start() {
        guard loop == nil else { return }
        let interval = configuration.monitorInterval
        loop = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                _ = await self.collect()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Stops the background task and waits for it to end.
    public func stop() async {
        let running = loop
        loop = nil
        running?.cancel()
        await running?.value
    }

    /// Runs one collection now (or joins the one running) and returns the resulting snapshot.
    @discardableResult
    public func collect() async -> MonitorSnapshot {
        if let inFlight { return await inFlight.value }
        let task = Task { await self.runCollection() }
        inFlight = task
        let result = await task.value
        inFlight = nil
        return result
    }

    /// The latest state: samples, summaries, Redis, collection status and firing alerts.
    public var snapshot: MonitorSnapshot { state }

    /// The retained samples of `queue`, oldest first; nil for a queue that is not monitored.
    public func samples(of queue: String) -> [QueueSample]? { histories[queue]?.samples }

    /// The queues monitored now (configured, or discovered so far).
    public var monitoredQueues: [String] { queues }

    private func runCollection() async -> MonitorSnapshot {
        let clock = ContinuousClock()
        let started = clock.now
        let nowMs = MonitoringJSON.nowMilliseconds()
        state.collections += 1
        let list = queuesToCollect()
        do {
            let (redis, fresh) = try await withDeadline(
                collectionTimeout, "collection from Redis \(collector.client.configuration.address)"
            ) { [collector, configuration, readings] in
                let queues = list
                let discovered = try await queues.resolve(collector)
                let redis = try await collector.redisStats()
                let defaultStart = nowMs - Int64(configuration.monitorInterval.wholeMilliseconds)
                let fresh = try await collector.read(
                    discovered, previous: readings, defaultWindowStartMs: defaultStart, nowMs: nowMs)
                return (redis, fresh)
            }
            if case .discover = list { lastDiscovery = .now }
            apply(redis: redis, readings: fresh, nowMs: nowMs, duration: (clock.now - started).fractionalMilliseconds)
        } catch {
            fail(error, nowMs: nowMs)
        }
        state.lastAttemptMs = MonitoringJSON.nowMilliseconds()
        return state
    }

    /// What to collect: the configured list, the known list, or a fresh discovery when it is due.
    private enum QueueList: Sendable {
        case fixed([String])
        case discover

        func resolve(_ collector: QueueCollector) async throws -> [String] {
            switch self {
            case .fixed(let names): names
            case .discover: try await collector.discoverQueues()
            }
        }
    }

    private func queuesToCollect() -> QueueList {
        if configuration.queues != nil { return .fixed(queues) }
        if let lastDiscovery, ContinuousClock.now - lastDiscovery < discoveryInterval { return .fixed(queues) }
        return .discover
    }

    private func apply(redis: RedisStats, readings fresh: [QueueReading], nowMs: Int64, duration: Double) {
        let names = fresh.map(\.queue)
        if configuration.queues == nil {
            if names != queues {
                logger.log(.info, "queues.discovered", [("queues", .string(names.joined(separator: ",")))])
            }
            for gone in Set(queues).subtracting(names) {
                histories[gone] = nil
                readings[gone] = nil
                for transition in tracker.forget(subject: gone, now: nowMs) { sink.record(transition) }
            }
            queues = names
        }
        var conditions: [AlertCondition] = []
        var latest: [String: QueueSample] = [:]
        var summaries: [String: HistorySummary] = [:]
        for reading in fresh {
            let start =
                readings[reading.queue]?.timestampMs ?? (nowMs - configuration.monitorInterval.wholeMilliseconds)
            let sample = WindowCalculator.sample(
                from: reading, previous: readings[reading.queue], windowStartMs: start, redis: redis)
            readings[reading.queue] = reading
            histories[reading.queue, default: QueueHistory(retention: configuration.metricsRetention)].append(sample)
            latest[reading.queue] = sample
            summaries[reading.queue] = histories[reading.queue]?.summary
            conditions += evaluator.conditions(for: sample)
            if let condition = evaluator.noWorkersCondition(for: sample) {
                conditions.append(condition)
            } else {
                tracker.markUnknown(now: nowMs) { $0 == AlertKey(rule: .noWorkers, subject: sample.queue) }
            }
        }
        conditions.append(evaluator.condition(for: redis))
        for transition in tracker.update(conditions, now: nowMs) { sink.record(transition) }
        if let error = state.lastError {
            logger.log(.info, "collection.recovered", [("previousError", .string(error))])
        }
        logger.log(
            .debug, "collection.finished",
            [("queues", .integer(Int64(fresh.count))), ("durationMs", .number(duration))])
        state.queues = queues
        state.latest = latest
        state.summaries = summaries
        state.redis = redis
        state.lastError = nil
        state.lastSuccessMs = MonitoringJSON.nowMilliseconds()
        state.lastDurationMs = duration
        state.alerts = tracker.active
    }

    private func fail(_ error: any Error, nowMs: Int64) {
        let reason = Self.reason(error, address: collector.client.configuration.address)
        // Log the first failure and any change of reason at error level; repeats only at debug.
        logger.log(state.lastError == reason ? .debug : .error, "collection.failed", [("reason", .string(reason))])
        state.failures += 1
        state.lastError = reason
        // No data never resolves and never fires: every alert keeps its state, shown as unknown until data returns.
        tracker.markUnknown(now: nowMs)
        state.alerts = tracker.active
    }

    /// A sentence naming Redis's address and what went wrong, never credentials.
    static func reason(_ error: any Error, address: String) -> String {
        switch error {
        case let error as RedisError: "queue collection failed: \(error.description)"
        case let error as MonitoringError: "queue collection failed: \(error.message)"
        default: "queue collection from Redis \(address) failed: \(error)"
        }
    }
}
