import Essentials
import HTTPServe
import Monitoring
import ScheduledPosts

/// `GET /api/console/overview?points=N`: the console overview's data in one request (``ConsoleOverview``).
///
/// Always 200 with what is known: during a Redis outage `redis.ok` is false, `redis.error` says why and
/// `stale` is true, so the page shows the outage instead of old figures as current. `points` (2...1000,
/// default 60) bounds each sparkline; anything else is a 400 `invalid_parameter`.
struct OverviewRoute: Sendable {
    /// Sparkline points when `points` is absent.
    static let defaultPoints = 60
    /// The largest `points` accepted.
    static let maxPoints = 1000

    /// What the other endpoints read too.
    let service: MonitoringService
    /// The collection interval (the page polls at it).
    let interval: Duration
    /// Post counts by status from the scheduled-post store; nil without a database (`--no-workers`).
    var postCounts: (@Sendable () async throws -> [PostStatus: Int])? = nil
    /// How long the post counts may take before the overview goes without them.
    var postsTimeout: Duration = .seconds(2)

    /// The overview, or a 400 naming the bad `points`.
    func response(_ request: Request) async -> Response {
        var points = Self.defaultPoints
        if let text = request.query["points"] {
            guard let value = Int(text), (2...Self.maxPoints).contains(value) else {
                return .error(
                    status: 400, code: "invalid_parameter",
                    message: "points must be an integer from 2 to \(Self.maxPoints); got '\(text)'")
            }
            points = value
        }
        async let caches = service.aiModelsBody()
        async let posts = readPosts()
        let snapshot = await service.queues.snapshot()
        var histories: [String: [QueueSample]] = [:]
        for name in snapshot.queues {
            histories[name] = await service.queues.history(name)
        }
        let overview = ConsoleOverview(
            snapshot: snapshot, histories: histories, caches: await caches, posts: await posts, points: points,
            intervalMs: interval.wholeMilliseconds, nowMs: MonitoringJSON.nowMilliseconds())
        do {
            return try Response.json(overview, status: 200, encoder: MonitoringJSON.makeEncoder())
        } catch {
            return .error(status: 500, code: "encoding_failed", message: "cannot encode the overview: \(error)")
        }
    }

    private func readPosts() async -> Result<[PostStatus: Int], any Error>? {
        guard let postCounts else { return nil }
        do {
            return .success(try await withDeadline(postsTimeout, postCounts))
        } catch {
            return .failure(error)
        }
    }
}
