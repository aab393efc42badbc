import Foundation
import Monitoring
import ScheduledPosts

/// The body of `GET /api/console/overview`: everything the console's overview draws, in one response (every
/// queue with its counts, status and sparklines, Redis, both model caches, the active alerts and the posts).
///
/// Instants are ms since 1970 (`generatedAt`, `lastSuccessAt`), as the console's charts use them; the embedded
/// alerts and cache report keep their own ISO 8601 fields. Built by ``init(snapshot:histories:caches:posts:points:intervalMs:nowMs:)``,
/// a pure function of its inputs.
struct ConsoleOverview: Encodable, Sendable {
    /// Redis as the last collection saw it, and whether that collection worked.
    struct Redis: Encodable, Sendable {
        /// The last collection succeeded (false during a Redis outage and before the first collection).
        var ok: Bool
        /// Why it did not, else nil.
        var error: String?
        /// When the last successful collection finished, ms since 1970; nil before the first.
        var lastSuccessAt: Int64?
        /// Median PING round trip, ms.
        var latencyMs: Double?
        /// `used_memory`, bytes.
        var usedMemoryBytes: Int64?
        /// `maxmemory`, bytes (0: no limit).
        var maxMemoryBytes: Int64?
        /// `maxmemory_policy` (BullMQ needs `noeviction`).
        var maxmemoryPolicy: String?
        /// `connected_clients`.
        var connectedClients: Int?

        private enum CodingKeys: String, CodingKey {
            case ok, error, lastSuccessAt, latencyMs, usedMemoryBytes, maxMemoryBytes, maxmemoryPolicy, connectedClients
        }

        /// Encodes every field, unknown ones as null.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(ok, forKey: .ok)
            try container.encode(error, forKey: .error)
            try container.encode(lastSuccessAt, forKey: .lastSuccessAt)
            try container.encode(latencyMs, forKey: .latencyMs)
            try container.encode(usedMemoryBytes, forKey: .usedMemoryBytes)
            try container.encode(maxMemoryBytes, forKey: .maxMemoryBytes)
            try container.encode(maxmemoryPolicy, forKey: .maxmemoryPolicy)
            try container.encode(connectedClients, forKey: .connectedClients)
        }
    }

    /// The figures of one queue's sparklines, oldest first, thinned to the requested points and evenly spaced in
    /// time (one per collection), so no timestamps; rates rounded to what a sparkline can show.
    struct Sparklines: Encodable, Sendable {
        /// Ready jobs (waiting + prioritized).
        var waiting: [Int]
        /// Active jobs.
        var active: [Int]
        /// Completed per minute over each window (null where unknown).
        var completedPerMinute: [Double?]
        /// failed ÷ finished over each window, 0–1 (null where nothing finished).
        var failedRate: [Double?]
        /// Age of the oldest waiting job, ms (null when none waited).
        var oldestWaitingAgeMs: [Int64?]
    }

    /// One queue of the overview.
    struct Queue: Encodable, Sendable {
        /// Its name.
        var name: String
        /// `healthy`, `warning` or `critical` from its firing alerts; `unknown` without a current sample.
        var status: String
        /// Jobs per state at the last collection (BullMQ's state names); nil before the first.
        var counts: JobCounts?
        /// Workers on it; nil when unknown.
        var workers: Int?
        /// Whether it is paused.
        var paused: Bool?
        /// Active jobs without a lock.
        var stalled: Int?
        /// failed ÷ finished over the last window, 0–1.
        var failedRate: Double?
        /// Jobs completed per minute over the last window.
        var completedPerMinute: Double?
        /// Age of the oldest waiting job, ms.
        var oldestWaitingAgeMs: Int64?
        /// Its firing alerts, most severe first.
        var alerts: [Alert]
        /// The retained history, thinned.
        var sparklines: Sparklines
    }

    /// The active alerts.
    struct Alerts: Encodable, Sendable {
        /// Queue, Redis and cache alerts firing now (or unknown while unmeasurable), most severe first.
        var active: [Alert]
    }

    /// Scheduled posts by status.
    struct Posts: Encodable, Sendable, Equatable {
        /// Waiting for publication (`scheduled` and `queued`).
        var scheduled: Int
        /// Published.
        var published: Int
        /// Failed on every attempt.
        var failed: Int
        /// Cancelled.
        var cancelled: Int

        /// The figures of `counts` (statuses without posts count 0).
        init(_ counts: [PostStatus: Int]) {
            scheduled = (counts[.scheduled] ?? 0) + (counts[.queued] ?? 0)
            published = counts[.published] ?? 0
            failed = counts[.failed] ?? 0
            cancelled = counts[.cancelled] ?? 0
        }
    }

    /// When this body was made, ms since 1970.
    var generatedAt: Int64
    /// The collection interval, ms (the console polls at it).
    var intervalMs: Int64
    /// The figures are not current: the last collection failed or none finished yet.
    var stale: Bool
    var redis: Redis
    var queues: [Queue]
    /// `/api/monitoring/ai-models`'s body: both caches, memory, evictions, cache alerts, per instance.
    var caches: AIModelsBody
    var alerts: Alerts
    /// Post counts; nil without a database (`--no-workers`) or when it cannot be read (`postsError` says why).
    var posts: Posts?
    /// Why the posts are missing while a database is configured, else nil.
    var postsError: String?

    /// The overview of `snapshot`, each queue's retained `histories` thinned to `points`, the `caches` report
    /// and the `posts` counts (nil: no database; a failure: its message in `postsError`).
    init(
        snapshot: MonitorSnapshot, histories: [String: [QueueSample]], caches: AIModelsBody,
        posts: Result<[PostStatus: Int], any Error>?, points: Int, intervalMs: Int64, nowMs: Int64
    ) {
        generatedAt = nowMs
        self.intervalMs = intervalMs
        let collected = snapshot.lastError == nil && snapshot.lastSuccessMs != nil
        stale = !collected
        let stats = snapshot.redis
        redis = Redis(
            ok: collected,
            error: snapshot.lastError ?? (snapshot.lastSuccessMs == nil ? "waiting for the first collection" : nil),
            lastSuccessAt: snapshot.lastSuccessMs, latencyMs: stats?.latencyMs, usedMemoryBytes: stats?.usedMemoryBytes,
            maxMemoryBytes: stats?.maxMemoryBytes, maxmemoryPolicy: stats?.maxMemoryPolicy,
            connectedClients: stats?.connectedClients)
        queues = snapshot.queues.map { name in
            Self.queue(
                name, latest: snapshot.latest[name], alerts: snapshot.alerts(of: name),
                history: histories[name] ?? [], points: points, collected: collected)
        }
        self.caches = caches
        alerts = Alerts(
            active: (snapshot.alerts + caches.report.alerts).sorted { $0.severity > $1.severity })
        switch posts {
        case .none:
            self.posts = nil
        case .success(let counts)?:
            self.posts = Posts(counts)
        case .failure(let error)?:
            self.posts = nil
            postsError = "the post counts cannot be read: \(error)"
        }
    }

    private static func queue(
        _ name: String, latest: QueueSample?, alerts: [Alert], history: [QueueSample], points: Int, collected: Bool
    ) -> Queue {
        let thinned = Downsampling.evenly(history, to: points)
        let sparklines = Sparklines(
            waiting: thinned.map(\.counts.ready), active: thinned.map(\.counts.active),
            completedPerMinute: thinned.map { $0.completedPerMinute.map { rounded($0, 2) } },
            failedRate: thinned.map { $0.failedRate.map { rounded($0, 4) } },
            oldestWaitingAgeMs: thinned.map(\.oldestWaitingAgeMs))
        return Queue(
            name: name, status: status(alerts: alerts, current: collected && latest != nil), counts: latest?.counts,
            workers: latest?.workers.count, paused: latest?.paused, stalled: latest?.stalled,
            failedRate: latest?.failedRate, completedPerMinute: latest?.completedPerMinute,
            oldestWaitingAgeMs: latest?.oldestWaitingAgeMs, alerts: alerts, sparklines: sparklines)
    }

    private enum CodingKeys: String, CodingKey {
        case generatedAt, intervalMs, stale, redis, queues, caches, alerts, posts, postsError
    }

    /// Encodes every field, `posts` and `postsError` as null when absent (the page tells "no database" from
    /// "not sent").
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(intervalMs, forKey: .intervalMs)
        try container.encode(stale, forKey: .stale)
        try container.encode(redis, forKey: .redis)
        try container.encode(queues, forKey: .queues)
        try container.encode(caches, forKey: .caches)
        try container.encode(alerts, forKey: .alerts)
        try container.encode(posts, forKey: .posts)
        try container.encode(postsError, forKey: .postsError)
    }

    /// `value` to `digits` decimals (a sparkline needs no more; the JSON gets shorter).
    static func rounded(_ value: Double, _ digits: Int) -> Double {
        let scale = Double(Int(pow(10, Double(digits))))
        return (value * scale).rounded() / scale
    }

    /// `unknown` without a current sample, else the most severe firing alert's severity (`info` is healthy).
    static func status(alerts: [Alert], current: Bool) -> String {
        guard current else { return "unknown" }
        switch alerts.map(\.severity).max() {
        case .critical?: return "critical"
        case .warning?: return "warning"
        default: return "healthy"
        }
    }
}
