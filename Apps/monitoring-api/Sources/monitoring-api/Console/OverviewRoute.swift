import Essentials
import HTTPServe
import Monitoring
import ScheduledPosts

/// `GET /api/console/overview?points=N`: the console overview's data in one request (``ConsoleOverview``).
///
/// Always 200 with what is known: during a Redis outage `redis.ok` is false, `redis.error` says why and
/// `stale` is true, so the page shows the outage instead of old figures as current. `points` (2 to
/// `HistoryRoutes.maxPoints`, default 60) bounds each sparkline; anything else is a 400 `invalid_parameter`.
struct OverviewRoute: Sendable {
    /// Sparkline points when `points` is absent.
    static let defaultPoints = 60

    /// What the other endpoints read too (its configuration gives the collection interval the page polls at).
    let service: MonitoringService
    /// Post counts by status from the scheduled-post store; nil without a database (`--no-workers`).
    var postCounts: (@Sendable () async throws -> [PostStatus: Int])? = nil
    /// How long the post counts may take before the overview goes without them.
    var postsTimeout: Duration = .seconds(2)

    /// The overview, or a 400 naming the bad `points`.
    func response(_ request: Request) async -> Response {
        let points: Int
        switch QueueRouteSupport.integer(
            request, "points", default: Self.defaultPoints, in: Downsampling.minimumPoints...HistoryRoutes.maxPoints)
        {
        case .success(let parsed): points = parsed ?? Self.defaultPoints
        case .failure(let bad): return bad.response
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
            intervalMs: service.configuration.monitorInterval.wholeMilliseconds, nowMs: MonitoringJSON.nowMilliseconds()
        )
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
