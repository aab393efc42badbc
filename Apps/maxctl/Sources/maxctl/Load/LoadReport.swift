import Chaos
import Monitoring

/// What `maxctl load` measured: one ``Step`` per worker count and the verdict of the exactly-once accounting.
struct LoadReport: Sendable, Codable {
    /// One worker count's figures.
    struct Step: Sendable, Codable {
        /// Worker processes started for the step.
        var workers: Int
        /// The scaling drain.
        var drain: BacklogDrain.Result
        /// drain throughput ÷ (workers × the first step's drain throughput ÷ its workers); 1 for the first step.
        var scalingEfficiency: Double?
        /// The users' phase: seconds, requests (answered or not) and requests per second.
        var seconds: Double
        var requests: Int
        var requestsPerSecond: Double
        /// Posts published during the phase per second (acknowledged posts ÷ seconds, once all were published).
        var postsPerSecond: Double
        /// Errors by route and status (`POST /api/posts → 503`, `… → no answer`).
        var errors: [String: Int]
        /// Latency per route, and over all routes, ms.
        var latency: [String: BaselineFigure]
        var latencyAll: BaselineFigure
        /// Due → published for the phase's posts, ms.
        var endToEnd: BaselineFigure
        /// Every post of the step (drain and users) against the database.
        var posts: PostAccounting
        /// Posts the receiver got more than once (at-least-once delivery; the database must hold one).
        var deliveredMoreThanOnce: Int
        /// The API tier's cache against an exact LRU.
        var cache: CacheCheck
        /// Resident memory of every process the tool started, over the step.
        var processes: [ResourceWatch.Trend]
    }

    /// The content tag of the run's posts.
    var tag: String
    var startedAt: String
    var users: Int
    /// The users' time per step, seconds.
    var durationSeconds: Double
    var api: String
    /// Whether the tool started the API tier itself (false: `--api` was given).
    var ownAPITier: Bool
    var steps: [Step]
    /// Why the run failed (empty when it passed).
    var failures: [String]

    /// Whether every post of every step was published exactly once and every drain finished.
    var passed: Bool { failures.isEmpty }
}
