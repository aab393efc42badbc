import Chaos
import Foundation
import HTTPServe
import Monitoring
import PostgresClient
import QueueCore
import RedisClient

/// Takes one ``BurninSample`` at the end of each interval: the users' requests (``LoadRecorder``), posts
/// published and their end to end times (PostgreSQL), the queues' finished jobs (Redis, by `finishedOn`), the
/// caches' lookups (the fleet's totals in `/api/monitoring/ai-models`), every started process's memory and
/// Redis's own counters. Cumulative counters are turned into the interval's deltas here.
final class BurninSampler {
    static let queueNames = ["social-posts", "ad-optimization"]

    private let session: LoadSession
    private let plan: LoadPlan
    private let tag: String
    private let startedAt: Int64
    private let queues: [Queue]
    private var previousAt: Int64
    private var previousCaches: [String: (hits: Int, misses: Int)] = [:]
    private var previousRedis: (connections: Int, errors: Int, clients: Int)?

    init(session: LoadSession, plan: LoadPlan, tag: String, startedAt: Int64, now: Int64) throws {
        self.session = session
        self.plan = plan
        self.tag = tag
        self.startedAt = startedAt
        previousAt = now
        queues = try Self.queueNames.map {
            try Queue(name: $0, client: session.redis, configuration: Queue.Configuration(prefix: session.prefix))
        }
    }

    /// Reads the cumulative counters once, so the first sample holds only its own interval.
    func prime() async {
        previousCaches = Self.cacheTotals(await CacheReader.aiModels(api: session.api, plan: plan))
        previousRedis = try? await redisCounters()
    }

    /// The sample of the interval ending now.
    func sample(
        recorded: (latencies: [Double], errors: Int, acknowledged: [AcknowledgedPost], inDoubt: [String]),
        processes: [(name: String, pid: Int32)], disturbances: Int
    ) async -> BurninSample {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let range = previousAt...now
        previousAt = now + 1
        let endToEnd = (try? await endToEndTimes(range)) ?? []
        var queueFigures: [String: BurninSample.QueueFigures] = [:]
        for queue in queues {
            let completed = (try? await queue.finishedJobs(in: .completed, finishedOn: range)) ?? []
            let failed = (try? await queue.finishedJobs(in: .failed, finishedOn: range)) ?? []
            let finished = completed + failed
            let endToEnd = finished.compactMap { job in
                job.finishedOn.map { Double(max(0, $0 - job.timestamp - Int64(job.options.delay))) }
            }
            queueFigures[queue.name] = BurninSample.QueueFigures(
                completed: completed.count, failed: failed.count,
                // Ready (added + delay) → started, as the baseline measures it.
                wait: Self.figure(
                    finished.compactMap { job in
                        job.processedOn.map { Double(max(0, $0 - job.timestamp - Int64(job.options.delay))) }
                    }),
                processing: Self.figure(
                    finished.compactMap { job in
                        guard let started = job.processedOn, let ended = job.finishedOn else { return nil }
                        return Double(ended - started)
                    }), endToEnd: Self.figure(endToEnd), endToEndHistogram: LatencyHistogram(endToEnd))
        }
        let finishedAll = queueFigures.values.reduce(0) { $0 + $1.completed + $1.failed }
        let failedAll = queueFigures.values.reduce(0) { $0 + $1.failed }
        // One read of the caches' figures serves the hit rates and the processes' heaps.
        let models = await CacheReader.aiModels(api: session.api, plan: plan)
        let caches = Self.cacheTotals(models)
        var cacheFigures: [String: BurninSample.CacheFigures] = [:]
        for (name, totals) in caches {
            let before = previousCaches[name] ?? totals
            let hits = max(0, totals.hits - before.hits)
            let misses = max(0, totals.misses - before.misses)
            cacheFigures[name] = BurninSample.CacheFigures(
                hits: hits, misses: misses, hitRate: hits + misses > 0 ? Double(hits) / Double(hits + misses) : nil)
        }
        if !caches.isEmpty { previousCaches = caches }
        return BurninSample(
            at: now, elapsedSeconds: Double(now - startedAt) / 1000, api: Self.figure(recorded.latencies),
            apiHistogram: LatencyHistogram(recorded.latencies), apiErrors: recorded.errors,
            postsAcknowledged: recorded.acknowledged.count, postsPublished: endToEnd.count,
            endToEnd: Self.figure(endToEnd), endToEndHistogram: LatencyHistogram(endToEnd), queues: queueFigures,
            failedRate: finishedAll > 0 ? Double(failedAll) / Double(finishedAll) : nil, caches: cacheFigures,
            processes: Self.processFigures(processes, models: models), redis: await redisFigures(),
            disturbances: disturbances)
    }

    /// Nearest-rank percentiles of `samples`.
    static func figure(_ samples: [Double]) -> BurninSample.Figure { BaselineFigure(samples: samples) }

    private func endToEndTimes(_ range: ClosedRange<Int64>) async throws -> [Double] {
        let rows = try await session.database.query(
            """
            SELECT (extract(epoch FROM (u.published_at - p.scheduled_at)) * 1000)::float8 AS ms
            FROM publications u JOIN scheduled_posts p ON p.id = u.post_id
            WHERE p.content LIKE $1 AND u.published_at >= to_timestamp($2::float8 / 1000)
              AND u.published_at <= to_timestamp($3::float8 / 1000)
            """, [.string(tag + "-%"), .string("\(range.lowerBound)"), .string("\(range.upperBound)")])
        return try rows.map { try $0.decode(Double.self, "ms") }
    }

    /// The fleet's cumulative hits and misses per cache, from an `/api/monitoring/ai-models` body.
    private static func cacheTotals(_ body: [String: Any]?) -> [String: (hits: Int, misses: Int)] {
        guard let body else { return [:] }
        var totals: [String: (hits: Int, misses: Int)] = [:]
        for name in ["social", "advertising"] {
            guard let cache = body[name] as? [String: Any], let hits = (cache["hits"] as? NSNumber)?.intValue,
                let misses = (cache["misses"] as? NSNumber)?.intValue
            else { continue }
            totals[name] = (hits, misses)
        }
        return totals
    }

    /// Each started process's resident memory, and its heap from the `instanceDetail` of an ai-models body.
    private static func processFigures(_ processes: [(name: String, pid: Int32)], models: [String: Any]?)
        -> [BurninSample.ProcessFigures]
    {
        let lines = (models?["instanceDetail"] as? [[String: Any]]) ?? []
        return processes.map { process in
            let line = lines.first { ($0["instance"] as? String)?.hasSuffix("-\(process.pid)") == true }
            let heap = ((line?["memory"] as? [String: Any])?["heapUsedMB"] as? NSNumber)?.doubleValue
            return BurninSample.ProcessFigures(
                name: process.name, pid: process.pid, rssKiB: ResourceWatch.residentKiB(pid: process.pid),
                heapMB: heap)
        }
    }

    private func redisCounters() async throws -> (connections: Int, errors: Int, clients: Int) {
        let stats = RedisInfo.fields(try await session.redis.send(["INFO", "stats"]).string ?? "")
        let clients = RedisInfo.fields(try await session.redis.send(["INFO", "clients"]).string ?? "")
        return (
            Int(stats["total_connections_received"] ?? "") ?? 0, Int(stats["total_error_replies"] ?? "") ?? 0,
            Int(clients["connected_clients"] ?? "") ?? 0
        )
    }

    private func redisFigures() async -> BurninSample.RedisFigures {
        let clock = ContinuousClock()
        let started = clock.now
        let answered = (try? await session.redis.send(["PING"])) != nil
        let latency = answered ? (clock.now - started).fractionalMilliseconds : nil
        guard let counters = try? await redisCounters() else {
            return BurninSample.RedisFigures(
                latencyMs: latency, newConnections: 0, errorReplies: 0, connectedClients: 0)
        }
        let before = previousRedis ?? counters
        previousRedis = counters
        let new = max(0, counters.connections - before.connections)
        return BurninSample.RedisFigures(
            latencyMs: latency, newConnections: new,
            reconnects: max(0, new - max(0, counters.clients - before.clients)),
            errorReplies: max(0, counters.errors - before.errors), connectedClients: counters.clients)
    }
}
