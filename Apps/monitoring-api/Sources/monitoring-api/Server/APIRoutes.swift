import Essentials
import HTTPServe
import Monitoring
import ScheduledPosts

/// The HTTP routes of monitoring-api: the spec's `/api/monitoring/*` paths, `/metrics`, the probes and
/// the console (its shell at `/` and files under `/assets/`, and `/api/console/overview`). Every route but
/// `/livez`, `/readyz`, `/` and `/assets/…` requires the bearer token when one is set.
enum APIRoutes {
    /// The JSON API paths, for `--help`.
    static let paths = [
        "/api/monitoring/queue-metrics", "/api/monitoring/queue-health", "/api/monitoring/ai-models",
        "/api/monitoring/system-health", "/api/monitoring/alerts", "/api/monitoring/baseline", "/api/console/overview",
        "/metrics", "/livez", "/readyz",
    ]

    /// Builds the router over `service`; `token` nil leaves the API open.
    /// `posts` adds the posts API over the workers' scheduler, answering 503 while `readiness` says the
    /// database cannot be reached. `baseline` serves `/api/monitoring/baseline` (404 without it). `overview`
    /// serves `/api/console/overview` (default: no post counts, a 30 s interval).
    static func router(
        service: MonitoringService, token: BearerToken?,
        posts: (scheduler: PostScheduler, readiness: DatabaseReadiness)? = nil, baseline: BaselineRoute? = nil,
        overview: OverviewRoute? = nil
    ) -> Router {
        var router = Router()
        // Probes answer without the token: Kubernetes and load balancers cannot send one.
        router.onLoop("GET", "/livez") { _ in json(#"{"status":"alive"}"#) }
        router.get("/readyz") { _ in
            if let problem = await service.redisProblem() {
                return .error(status: 503, code: "redis_unavailable", message: problem)
            }
            return json(#"{"redis":"ok","status":"ready"}"#)
        }
        func protected(_ pattern: String, _ handler: @escaping Handler) {
            router.get(pattern) { request in
                guard let token else { return try await handler(request) }
                guard token.accepts(request.headers["Authorization"]) else { return unauthorized() }
                return try await handler(request)
            }
        }
        // The console's shell and files hold no data: served without a token (a navigating browser sends none).
        router.onLoop("GET", "/", ConsoleAssets.shell)
        router.onLoop("GET", "/assets/:file", ConsoleAssets.asset)
        let overview = overview ?? OverviewRoute(service: service, interval: .seconds(30))
        protected("/api/console/overview") { request in await overview.response(request) }
        protected("/api/monitoring/queue-metrics") { _ in
            let report = await service.allQueues()
            return try collectionFailure(report.collection) ?? encode(report)
        }
        protected("/api/monitoring/queue-metrics/:queueName") { request in
            let name = request.parameter("queueName") ?? ""
            guard let report = await service.oneQueue(name) else {
                return .error(
                    status: 404, code: "unknown_queue",
                    message: "queue '\(name)' is not monitored: list the queues at /api/monitoring/queue-metrics, "
                        + "or set QUEUES / QUEUE_PREFIX")
            }
            return try collectionFailure(report.collection) ?? encode(report)
        }
        protected("/api/monitoring/queue-health") { _ in
            let report = await service.queueHealth()
            return try encode(report, status: report.status.httpStatus)
        }
        protected("/api/monitoring/ai-models") { _ in try encode(await service.aiModelsBody()) }
        protected("/api/monitoring/system-health") { _ in
            let health = await service.systemHealth()
            return try encode(health, status: health.httpStatus)
        }
        protected("/api/monitoring/alerts") { request in
            let query: AlertHistoryQuery
            // One clock reading: the window's start and the report's timestamp agree.
            let nowMs = MonitoringJSON.nowMilliseconds()
            switch alertsQuery(request.query, nowMs: nowMs) {
            case .success(let parsed): query = parsed
            case .failure(let problem): return .error(status: 400, code: "invalid_parameter", message: problem.message)
            }
            do {
                return try encode(await service.alerts(query, nowMs: nowMs))
            } catch {
                return .error(
                    status: 503, code: "history_unavailable",
                    message: "the alert history cannot be read: \(error) (check DATABASE_URL and PostgreSQL)")
            }
        }
        protected("/api/monitoring/baseline") { _ in
            guard let baseline else {
                return .error(
                    status: 404, code: "no_baseline",
                    message: "this server has no database for baselines: capture one with `maxctl baseline capture`")
            }
            return await baseline.response()
        }
        protected("/metrics") { _ in
            Response(
                status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: Array(await service.prometheusText().utf8))
        }
        if let posts {
            PostsRoutes.register(into: &router, scheduler: posts.scheduler, readiness: posts.readiness) { request in
                guard let token, !token.accepts(request.headers["Authorization"]) else { return nil }
                return unauthorized()
            }
        }
        return router
    }

    /// A bad query parameter of `/api/monitoring/alerts`, with the message the 400 carries.
    struct BadParameter: Error {
        let message: String
    }

    /// `state`, `since` (default the last 24 h) and `queue` of `/api/monitoring/alerts`.
    static func alertsQuery(_ parameters: QueryParameters, nowMs: Int64) -> Result<AlertHistoryQuery, BadParameter> {
        var state: AlertState?
        if let text = parameters["state"], !text.isEmpty {
            guard let parsed = AlertHistoryQuery.state(text) else {
                return .failure(BadParameter(message: "state must be \(AlertHistoryQuery.stateSyntax); got '\(text)'"))
            }
            state = parsed
        }
        var sinceMs = nowMs - AlertHistoryQuery.defaultWindow.wholeMilliseconds
        if let text = parameters["since"], !text.isEmpty {
            guard let parsed = AlertHistoryQuery.windowStart(text, nowMs: nowMs) else {
                return .failure(
                    BadParameter(message: "since must be \(AlertHistoryQuery.windowSyntax); got '\(text)'"))
            }
            sinceMs = parsed
        }
        let queue = parameters["queue"].flatMap { $0.isEmpty ? nil : $0 }
        return .success(AlertHistoryQuery(sinceMs: sinceMs, state: state, subject: queue))
    }

    /// 503 with the reason when the last collection failed (Redis down): stale figures are not served
    /// as if they were current.
    private static func collectionFailure(_ collection: CollectionStatus) -> Response? {
        guard let reason = collection.error else { return nil }
        return .error(status: 503, code: "collection_failed", message: reason)
    }

    private static func unauthorized() -> Response {
        var response = Response.error(
            status: 401, code: "unauthorized",
            message: "this endpoint needs `Authorization: Bearer <API_TOKEN>` (maxctl: --token or MAXCTL_TOKEN)")
        response.headers.add(name: "WWW-Authenticate", value: "Bearer")
        return response
    }

    private static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }

    private static func json(_ text: String) -> Response {
        Response(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: Array(text.utf8))
    }
}
