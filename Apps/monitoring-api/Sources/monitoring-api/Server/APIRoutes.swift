import Essentials
import HTTPServe
import Monitoring
import ScheduledPosts

/// The HTTP routes of monitoring-api: the spec's `/api/monitoring/*` paths, `/metrics`, the probes, the console (its
/// shell at `/`, its files under `/assets/` and `/api/console/overview`), the console's history, job, admin and audit
/// routes and `/openapi.json`. With tokens set, every route but the probes, the console's shell and files and
/// `/openapi.json` needs one (``AccessPolicy``).
enum APIRoutes {
    /// The JSON API paths, for `--help`.
    static let paths = [
        "/api/monitoring/queue-metrics", "/api/monitoring/queue-health", "/api/monitoring/ai-models",
        "/api/monitoring/system-health", "/api/monitoring/alerts", "/api/monitoring/baseline", "/api/console/overview",
        "/metrics", "/livez", "/readyz",
    ]

    /// Builds the router over `service`; every route is registered through a ``RouteTable`` (reads need a token of
    /// either role, writes the admin token, both only when `access` has tokens; writes are audited in `service.audit`).
    /// `posts` adds the posts API over its scheduler and the suggested-time and ad-optimisation routes
    /// (``AutopilotRoutes``), answering 503 while its readiness says the database cannot be reached. `baseline` serves
    /// `/api/monitoring/baseline` (404 without it). `overview` serves `/api/console/overview` (default: no post
    /// counts).
    static func router(
        service: MonitoringService, access: AccessPolicy = .open,
        posts: AutoPostingRuntime? = nil, baseline: BaselineRoute? = nil, overview: OverviewRoute? = nil
    ) -> Router {
        var routes = RouteTable(policy: access, audit: service.audit)
        // Probes answer without the token: Kubernetes and load balancers cannot send one.
        routes.openOnLoop("GET", "/livez") { _ in json(#"{"status":"alive"}"#) }
        routes.open("GET", "/readyz") { _ in
            if let problem = await service.redisProblem() {
                return .error(status: 503, code: "redis_unavailable", message: problem)
            }
            return json(#"{"redis":"ok","status":"ready"}"#)
        }
        func protected(_ pattern: String, _ handler: @escaping Handler) {
            routes.get(pattern) { request, _ in try await handler(request) }
        }
        // The console's shell and files hold no data: served without a token (a navigating browser sends none).
        routes.openOnLoop("GET", "/", ConsoleAssets.shell)
        routes.openOnLoop("GET", "/assets/:file", ConsoleAssets.asset)
        let overview = overview ?? OverviewRoute(service: service)
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
            PostsRoutes.register(into: &routes, scheduler: posts.scheduler, readiness: posts.readiness)
            AutopilotRoutes.register(into: &routes, runtime: posts)
        }
        HistoryRoutes.register(into: &routes, service: service)
        JobRoutes.register(into: &routes, directory: service.queueDirectory)
        QueueAdminRoutes.register(into: &routes, directory: service.queueDirectory)
        AccessRoutes.register(into: &routes, audit: service.audit)
        OpenAPIRoute.register(into: &routes, document: OpenAPIDocument(access: access, posts: posts != nil))
        return routes.router
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

    private static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }

    private static func json(_ text: String) -> Response {
        Response(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: Array(text.utf8))
    }
}
