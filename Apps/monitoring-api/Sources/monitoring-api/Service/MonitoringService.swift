import AIModelCache
import Essentials
import Monitoring

/// Everything the endpoints answer, composed from the queue monitor, this process's model caches and
/// their telemetry. Stateless apart from what those own; safe to call from any task.
struct MonitoringService: Sendable {
    /// The queue monitor and Redis.
    let queues: QueueSource
    /// This process's model caches (what the AI endpoints show when no worker publishes telemetry).
    let models: ModelCacheManager<AutopilotModel, AutopilotModel>
    /// Cache alert state, logged on transitions.
    let telemetry: AIModelTelemetry
    /// How long a Redis probe may take before `/readyz` answers 503.
    let probeTimeout: Duration
    /// Every live worker process's published cache telemetry, by instance (empty when none or Redis is
    /// down); nil reads only this process's caches.
    var fleet: (@Sendable () async -> [String: AIModelsInput])? = nil
    /// The alert history's writer and its store (the default, an empty memory store, is for tests).
    var alertHistory: AlertHistorySink = AlertHistorySink(store: MemoryAlertHistoryStore(retention: .seconds(86_400)))
    /// The auto-posting workers' database as system health shows it; nil without workers (no posts component).
    var posts: (@Sendable () -> HealthModel.PostsState)? = nil
    /// The alert delivery sinks' counters for `/metrics` (none when no sink is configured).
    var delivery: @Sendable () -> [DeliveryStatistics] = { [] }
    /// The settings the console routes read (the collection interval, the thresholds per queue).
    var configuration = MonitoringConfiguration()
    /// The audit log of admin actions (the default, an unstarted memory log, is for tests).
    var audit = AuditLog(store: MemoryAuditStore(retention: .seconds(90 * 86_400)))
    /// Queue handles for the job and admin routes; nil answers them 503 (tests of other routes).
    var queueDirectory: QueueDirectory? = nil

    /// `/api/monitoring/queue-metrics`.
    func allQueues() async -> QueueMetricsReport {
        QueueMetricsReport(await queues.snapshot())
    }

    /// `/api/monitoring/queue-metrics/:queueName`; nil when the queue is not monitored.
    func oneQueue(_ name: String) async -> QueueDetailReport? {
        let snapshot = await queues.snapshot()
        return QueueDetailReport(snapshot, queue: name, history: await queues.history(name) ?? [])
    }

    /// `/api/monitoring/queue-health`.
    func queueHealth() async -> QueueHealthReport {
        QueueHealthReport(await queues.snapshot())
    }

    /// `/api/monitoring/ai-models`: a fresh report with its per-instance lines (alert transitions are
    /// logged here too). The fleet's sums when worker processes publish telemetry, else this process's caches.
    func aiModelsBody() async -> AIModelsBody {
        if let fleet {
            let inputs = await fleet()
            if let report = await telemetry.fleetReport(inputs) {
                return AIModelsBody(report: report, instanceDetail: InstanceTelemetry.lines(inputs))
            }
        }
        return AIModelsBody(report: await telemetry.report(AIModelsInput(manager: models)), instanceDetail: [])
    }

    /// The report of ``aiModelsBody()`` alone (system health and metrics).
    func aiModels() async -> AIModelsReport {
        await aiModelsBody().report
    }

    /// `/api/monitoring/system-health`.
    func systemHealth() async -> SystemHealth {
        async let snapshot = queues.snapshot()
        let report = await aiModels()
        return HealthModel.systemHealth(
            queues: await snapshot.queuesState, aiModels: report.healthState, posts: posts?(),
            nowMs: MonitoringJSON.nowMilliseconds())
    }

    /// `/api/monitoring/alerts`: the queue, Redis and cache alerts active now and the history matching `query`,
    /// stamped `nowMs`.
    /// - Throws: when the history store cannot be read (PostgreSQL down).
    func alerts(_ query: AlertHistoryQuery, nowMs: Int64) async throws -> AlertsReport {
        async let snapshot = queues.snapshot()
        let cacheAlerts = await aiModels().alerts
        let active = await snapshot.alerts + cacheAlerts
        let history = try await alertHistory.store.entries(matching: query)
        return AlertsReport(
            query: query, active: active, history: history, historyStore: alertHistory.status, nowMs: nowMs)
    }

    /// `/metrics`.
    func prometheusText() async -> String {
        let snapshot = await queues.snapshot()
        let report = await aiModels()
        let health = HealthModel.systemHealth(
            queues: snapshot.queuesState, aiModels: report.healthState, posts: posts?(),
            nowMs: MonitoringJSON.nowMilliseconds())
        return PrometheusRenderer.render(
            monitor: snapshot, aiModels: report, health: health, delivery: delivery(), alertHistory: alertHistory.status
        )
    }

    /// `/readyz`: nil when Redis answered a PING within ``probeTimeout``, else why not.
    func redisProblem() async -> String? {
        do {
            try await withDeadline(probeTimeout, queues.ping)
            return nil
        } catch {
            return "Redis did not answer a PING: \(error)"
        }
    }
}
