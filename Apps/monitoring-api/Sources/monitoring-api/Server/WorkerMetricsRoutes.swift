import AIModelCache
import HTTPServe
import Monitoring

/// The routes of a `--workers-only` process's metrics port: `/livez` (never needs the token) and `/metrics`
/// (this process's model caches in the Prometheus text format; a read or admin token when tokens are set). Registered
/// through the same ``RouteTable`` and ``AccessPolicy`` as the API.
enum WorkerMetricsRoutes {
    /// Builds the router over this process's caches.
    static func router(
        models: ModelCacheManager<AutopilotModel, AutopilotModel>, telemetry: AIModelTelemetry, access: AccessPolicy
    ) -> Router {
        var routes = RouteTable(policy: access, audit: nil)
        routes.openOnLoop("GET", "/livez") { _ in
            Response(
                status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
                body: Array(#"{"status":"alive"}"#.utf8))
        }
        routes.get("/metrics") { _, _ in
            let report = await telemetry.report(AIModelsInput(manager: models))
            return Response(
                status: 200, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                body: Array(PrometheusRenderer.render(monitor: MonitorSnapshot(), aiModels: report, health: nil).utf8))
        }
        return routes.router
    }
}
