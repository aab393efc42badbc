import AIModelCache
import HTTPServe
import Monitoring
import RedisClient

/// `monitoring-api --workers-only`: the auto-posting workers and the fleet telemetry publisher with no API;
/// with `--metrics-port` also an HTTP server answering only `/livez` and `/metrics` (this process's caches).
/// For scale-out and crash tests. ``stop(drainDeadline:)`` takes everything down in reverse order.
struct WorkersOnlyRuntime: Sendable {
    let metricsServer: HTTPServer?
    let models: ModelCacheManager<AutopilotModel, AutopilotModel>
    let autoPosting: AutoPostingRuntime
    let fleetClient: RedisClient
    let fleet: FleetTelemetry
    let publishing: Task<Void, Never>
    let logger: StructuredLogger

    /// Builds and starts everything; throws when the metrics port is taken or a URL is invalid, never because
    /// PostgreSQL is down (the workers wait for it in the background; `/livez` answers meanwhile).
    ///
    /// The first log line is `server.listening` (mode `workers-only`, the bound metrics port) with a
    /// metrics port, else `workers.started`.
    static func start(
        configuration: MonitoringConfiguration, logger: StructuredLogger, metricsPort: Int?
    ) async throws -> WorkersOnlyRuntime {
        let models = try AppRuntime.makeModels(configuration: configuration, logger: logger)
        var autoPosting = try await AutoPostingRuntime.start(
            databaseURL: configuration.workers.databaseURL, configuration: configuration, models: models,
            logger: logger, webhookURL: configuration.workers.publishWebhookURL, demo: configuration.workers.demo)
        let telemetry = AIModelTelemetry(configuration: configuration, sink: LogAlertSink(logger: logger))
        var fields: [(String, StructuredLogger.Value)] = [
            ("version", .string(MonitoringAPIVersion.string)), ("mode", .string("workers-only")),
            ("queuePrefix", .string(configuration.queuePrefix)),
        ]
        var metricsServer: HTTPServer?
        if let metricsPort {
            let server = try HTTPServer(
                configuration: .init(host: configuration.host, port: metricsPort, loopCount: 1),
                router: WorkerMetricsRoutes.router(
                    models: models, telemetry: telemetry,
                    access: AccessPolicy(adminToken: configuration.apiToken, readToken: configuration.apiReadToken)))
            let port = try server.start()
            metricsServer = server
            fields = [("host", .string(configuration.host)), ("port", .integer(Int64(port)))] + fields
        }
        logger.log(
            max(.info, configuration.logLevel), metricsServer == nil ? "workers.started" : "server.listening", fields)
        autoPosting.run()
        models.startIdleSweepers()
        let bound = LiveQueueMonitor.redisBound(configuration)
        let fleetClient = RedisClient(
            configuration: try RedisConfiguration(
                url: configuration.redisURL, connectTimeout: bound, commandTimeout: bound, poolSize: 1))
        let fleet = FleetTelemetry(client: fleetClient, configuration: configuration)
        let publishing = fleet.startPublishing(models, logger: logger)
        return WorkersOnlyRuntime(
            metricsServer: metricsServer, models: models, autoPosting: autoPosting, fleetClient: fleetClient,
            fleet: fleet, publishing: publishing, logger: logger)
    }

    /// Stops publishing and removes this process's telemetry key (the API stops counting it at once), lets
    /// running jobs finish, drains the metrics server and closes the connections.
    func stop(drainDeadline: Duration) async {
        publishing.cancel()
        await publishing.value
        await fleet.remove(logger: logger)
        await autoPosting.stop()
        await metricsServer?.shutdown(deadline: drainDeadline)
        await fleetClient.close()
        models.stopIdleSweepers()
    }
}
