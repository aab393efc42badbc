import HTTPServe
import Monitoring

/// The console's history routes: every retained sample of one queue (with the thresholds a chart draws) and of both
/// model caches, optionally downsampled to `points`.
enum HistoryRoutes {
    /// The most points a downsampled series may ask for.
    static let maxPoints = 10_000

    static func register(into routes: inout RouteTable, service: MonitoringService) {
        routes.get("/api/monitoring/history/:queueName") { request, _ in
            let points: Int?
            switch self.points(request) {
            case .success(let parsed): points = parsed
            case .failure(let bad): return bad.response
            }
            let name = request.parameter("queueName") ?? ""
            guard let samples = await service.queues.history(name) else {
                return .error(
                    status: 404, code: "unknown_queue",
                    message: "queue '\(name)' is not monitored: list the queues at /api/monitoring/queue-metrics")
            }
            return try QueueRouteSupport.encode(
                QueueHistoryBody(
                    queue: name, intervalMs: service.configuration.monitorInterval.wholeMilliseconds,
                    thresholds: ThresholdEvaluator(configuration: service.configuration).queueThresholds(name),
                    samples: Downsampling.evenly(samples, to: points).map(HistoryPoint.init)))
        }
        routes.get("/api/monitoring/ai-models/history") { request, _ in
            let points: Int?
            switch self.points(request) {
            case .success(let parsed): points = parsed
            case .failure(let bad): return bad.response
            }
            let caches = await service.telemetry.cacheHistory.mapValues { Downsampling.evenly($0, to: points) }
            return try QueueRouteSupport.encode(
                CacheHistoryBody(intervalMs: service.configuration.monitorInterval.wholeMilliseconds, caches: caches))
        }
    }

    /// `points`: absent (every sample) or a whole number in 2...``maxPoints``.
    static func points(_ request: Request) -> Result<Int?, QueueRouteSupport.BadParameter> {
        QueueRouteSupport.integer(request, "points", default: nil, in: Downsampling.minimumPoints...maxPoints)
    }

    struct QueueHistoryBody: Encodable {
        let queue: String
        let intervalMs: Int64
        let thresholds: [String: Double]
        let samples: [HistoryPoint]
    }

    struct CacheHistoryBody: Encodable {
        let intervalMs: Int64
        let caches: [String: [CacheSample]]
    }

    /// One queue sample as a chart point: counts, rates, the oldest waiting age and the workers (null when unknown).
    struct HistoryPoint: Encodable {
        let sample: QueueSample

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JobJSON.Key.self)
            let counts = sample.counts
            try container.encode(sample.timestampMs, forKey: "timestamp")
            try container.encode(counts.waiting, forKey: "waiting")
            try container.encode(counts.active, forKey: "active")
            try container.encode(counts.delayed, forKey: "delayed")
            try container.encode(counts.prioritized, forKey: "prioritized")
            try container.encode(counts.failed, forKey: "failed")
            try container.encode(counts.completed, forKey: "completed")
            try container.encode(counts.waitingChildren, forKey: "waitingChildren")
            // Jobs a pause holds back: the ready jobs of a paused queue.
            try container.encode(sample.paused ? counts.ready : 0, forKey: "paused")
            try container.encode(sample.paused, forKey: "queuePaused")
            try container.encode(sample.stalled, forKey: "stalled")
            try container.encode(sample.completedPerMinute, forKey: "completedPerMinute")
            try container.encode(sample.window.failedPerMinute, forKey: "failedPerMinute")
            try container.encode(sample.failedRate, forKey: "failedRate")
            try container.encode(sample.oldestWaitingAgeMs, forKey: "oldestWaitingAgeMs")
            try container.encode(sample.workers.count, forKey: "workers")
        }
    }
}
