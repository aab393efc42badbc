import AIModelCache
import HTTPServe
import Monitoring

/// The routes of a `--workers-only` process's metrics port: `/livez` (never needs the token) and `/metrics`
/// (this process's model caches in the Prometheus text format; the bearer token when one is set).
enum WorkerMetricsRoutes {
    /// Builds the router over this process's caches.
    static func router(
        models: ModelCacheManager<AutopilotModel, AutopilotModel>, telemetry: AIModelTelemetry, token: BearerToken?
    ) -> Router {
        var router = Router()
        router.onLoop("GET", "/livez") { _ in
            Response(
                status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
                body: Array(#"{"status":"alive"}"#.utf8))
        }
        router.get("/metrics") { request in
            if let token, !token.accepts(request.headers["Authorization"]) {
                return .error(
                    status: 401, code: "unauthorized", message: "/metrics needs `Authorization: Bearer <API_TOKEN>`")
            }
            let report = await telemetry.report(AIModelsInput(manager: models))
            return Response(
                status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: Array(PrometheusRenderer.render(monitor: MonitorSnapshot(), aiModels: report, health: nil).utf8))
        }
        return router
    }
}
