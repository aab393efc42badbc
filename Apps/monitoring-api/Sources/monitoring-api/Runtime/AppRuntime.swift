import AIModelCache
import Essentials
import HTTPServe
import Monitoring
import RedisClient
import ScheduledPosts

/// The running parts of the process: the HTTP server, the queue monitor, the Redis client and the model
/// caches with their telemetry loop. ``start(configuration:logger:withWorkers:)`` brings them up in
/// order; ``stop(drainDeadline:)`` takes them down in reverse.
struct AppRuntime: Sendable {
    let server: HTTPServer
    let queues: LiveQueueMonitor
    let models: ModelCacheManager<AutopilotModel, AutopilotModel>
    let telemetryLoop: Task<Void, Never>
    /// The client of the fleet telemetry keys (``FleetTelemetry``).
    let fleetClient: RedisClient
    /// This process's part in the fleet telemetry.
    let fleet: FleetTelemetry
    /// Publishes this process's cache telemetry (with workers), else nil.
    let publishing: Task<Void, Never>?
    let logger: StructuredLogger
    /// The posts API and, with `--workers`, the auto-posting workers; nil with `--no-workers` and no explicit
    /// database.
    let autoPosting: AutoPostingRuntime?
    /// The alert delivery sinks that are configured (Alertmanager, webhook, Slack); none by default.
    let delivery: AlertDelivery
    /// The alert history's store and background writer.
    let alertHistory: AlertHistoryRuntime
    /// The audit log of admin actions.
    let audit: AuditRuntime
    /// The job and admin routes' queue handles (their own Redis client).
    let queueDirectory: QueueDirectory

    /// Builds and starts everything; throws when the configuration is impossible or the port is taken.
    /// `withWorkers` adds the auto-posting workers and the posts API (``MonitoringConfiguration/workers``); without
    /// workers, an explicit `DATABASE_URL` adds the posts API alone.
    static func start(
        configuration: MonitoringConfiguration, logger: StructuredLogger, withWorkers: Bool = false
    ) async throws -> AppRuntime {
        let models = try makeModels(configuration: configuration, logger: logger)
        // Every alert transition goes to the log, the history and each configured delivery sink (all return at once:
        // the history and the sinks write from queues of their own).
        let delivery = try AlertDelivery(configuration: configuration, logger: logger)
        let alertHistory = try AlertHistoryRuntime.make(configuration: configuration, logger: logger)
        let sink = AlertFanOut([LogAlertSink(logger: logger), alertHistory.sink] + delivery.sinks)
        let telemetry = AIModelTelemetry(configuration: configuration, sink: sink)
        let queues = try LiveQueueMonitor(configuration: configuration, sink: sink, logger: logger)
        let bound = LiveQueueMonitor.redisBound(configuration)
        let fleetClient = RedisClient(
            configuration: try RedisConfiguration(
                url: configuration.redisURL, connectTimeout: bound, commandTimeout: bound, poolSize: 2))
        let fleet = FleetTelemetry(client: fleetClient, configuration: configuration)
        let access = AccessPolicy(adminToken: configuration.apiToken, readToken: configuration.apiReadToken)
        let audit = try AuditRuntime.make(configuration: configuration, logger: logger)
        let monitored = queues.source.snapshot
        let queueDirectory = try QueueDirectory(
            redisURL: configuration.redisURL, prefix: configuration.queuePrefix, connectTimeout: bound,
            monitored: { await monitored().queues })
        // Never waits for PostgreSQL: the workers connect in the background once `run()` is called. Without
        // workers, a database given explicitly (the one the alert history uses) still serves the posts API: an
        // API tier that schedules posts for `--workers-only` processes.
        let postsAPI = withWorkers || configuration.alertHistory.databaseURL != nil
        var autoPosting = try await (postsAPI ? configuration.workers : nil).asyncMap { workers in
            try await AutoPostingRuntime.start(
                databaseURL: workers.databaseURL, configuration: configuration, models: models, logger: logger,
                webhookURL: workers.publishWebhookURL, demo: withWorkers && workers.demo, processing: withWorkers)
        }
        var service = MonitoringService(
            queues: queues.source, models: models, telemetry: telemetry, probeTimeout: bound,
            fleet: { await fleet.readAll() }, alertHistory: alertHistory.sink, delivery: { delivery.statistics })
        if let readiness = autoPosting?.readiness {
            service.posts = { readiness.health }
        }
        service.configuration = configuration
        service.audit = audit.log
        service.queueDirectory = queueDirectory
        // The overview's post counts come from the workers' store (none without workers).
        var postCounts: (@Sendable () async throws -> [PostStatus: Int])?
        if let store = autoPosting?.scheduler.store {
            postCounts = { try await store.countsByStatus() }
        }
        let server = try HTTPServer(
            configuration: .init(
                host: configuration.host, port: configuration.port, loopCount: 1,
                accessLog: { entry in
                    logger.log(
                        .debug, "http.request",
                        [
                            ("method", .string(entry.method)), ("path", .string(entry.path)),
                            ("status", .integer(Int64(entry.status))), ("bytes", .integer(Int64(entry.bytes))),
                            ("durationMs", .number(entry.duration.fractionalMilliseconds)),
                            ("requestId", .string(entry.requestID)),
                        ])
                },
                handlerErrorLog: { error, requestID in
                    logger.log(
                        .error, "http.handler_failed",
                        [("error", .string("\(error)")), ("requestId", .string(requestID))])
                }),
            router: APIRoutes.router(
                service: service, access: access, posts: autoPosting,
                baseline: BaselineRoute(databaseURL: configuration.workers.databaseURL, timeout: bound),
                overview: OverviewRoute(service: service, postCounts: postCounts)))
        let port = try server.start()
        // The first line names the bound port (for `--port 0`); logged at the minimum level so it always shows.
        logger.log(
            max(.info, configuration.logLevel), "server.listening",
            [
                ("host", .string(configuration.host)), ("port", .integer(Int64(port))),
                ("version", .string(MonitoringAPIVersion.string)),
                ("mode", .string(withWorkers ? "workers" : "no-workers")), ("postsAPI", .bool(autoPosting != nil)),
                ("redis", .string(queues.redisAddress)), ("queuePrefix", .string(configuration.queuePrefix)),
                ("monitorIntervalMs", .integer(configuration.monitorInterval.wholeMilliseconds)),
                ("auth", .string(access.requiresToken ? (access.hasReadToken ? "bearer+read" : "bearer") : "none")),
            ])
        logDelivery(delivery, configuration: configuration, logger: logger)
        autoPosting?.run()
        alertHistory.start()
        audit.start()
        await queues.start()
        models.startIdleSweepers()
        // Cache alerts fire and resolve in the log even when nobody asks the API; each interval's report (the fleet's
        // when workers publish telemetry) is a sample of the cache history.
        let interval = configuration.monitorInterval
        let sampledService = service
        let telemetryLoop = Task {
            while !Task.isCancelled {
                await telemetry.recordSamples(of: await sampledService.aiModels())
                try? await Task.sleep(for: interval)
            }
        }
        // Worker processes share their caches' telemetry so any API instance can show the fleet.
        // Also the API tier's: its caches serve the suggested-time route.
        let publishing = autoPosting == nil ? nil : fleet.startPublishing(models, logger: logger)
        return AppRuntime(
            server: server, queues: queues, models: models, telemetryLoop: telemetryLoop, fleetClient: fleetClient,
            fleet: fleet, publishing: publishing, logger: logger, autoPosting: autoPosting, delivery: delivery,
            alertHistory: alertHistory, audit: audit, queueDirectory: queueDirectory)
    }

    /// One `alert.delivery` line naming the sinks that are on, their URLs redacted (never a secret), or `none`.
    private static func logDelivery(
        _ delivery: AlertDelivery, configuration: MonitoringConfiguration, logger: StructuredLogger
    ) {
        var fields: [(String, StructuredLogger.Value)] = [
            (
                "sinks",
                .string(delivery.sinks.isEmpty ? "none" : delivery.sinks.map(\.format.name).joined(separator: ","))
            )
        ]
        for sink in delivery.sinks {
            fields.append((sink.format.name, .string(sink.queue.redactedURL)))
        }
        if !delivery.sinks.isEmpty {
            fields.append(("externalUrl", .string(URLRedaction.redacted(configuration.externalURL))))
            fields.append(("minSeverity", .string(configuration.delivery.minimumSeverity.rawValue)))
            fields.append(("signed", .bool(configuration.delivery.webhookSecret != nil)))
        }
        logger.log(.info, "alert.delivery", fields)
    }

    /// Drains the server, then stops the monitor, the telemetry loop and the caches' sweepers; a process that
    /// published fleet telemetry removes its key, so the API stops counting it at once.
    func stop(drainDeadline: Duration) async {
        await server.shutdown(deadline: drainDeadline)
        telemetryLoop.cancel()
        if let publishing {
            publishing.cancel()
            await publishing.value
            await fleet.remove(logger: logger)
        }
        await autoPosting?.stop()
        await fleetClient.close()
        await queues.stop()
        // After the monitor: its last transitions are queued; each sink gets a bounded drain.
        await delivery.shutdown(deadline: .seconds(5))
        models.stopIdleSweepers()
        // After the monitor: its last transitions are in the buffer.
        await alertHistory.stop()
        // After the server: the last admin actions are in the buffer.
        await audit.stop()
        await queueDirectory.close()
    }

    /// The social and advertising caches sized by ``MonitoringConfiguration/models`` (their alerts are
    /// `AIModelTelemetry`'s).
    ///
    /// Every eviction is logged at `info` (`model.evicted`: `userId`, `modelType`, `reason`, `idleTimeMs`,
    /// `timestamp`), at most ``evictionLogLimit`` lines a second; the rest of a burst is counted in one
    /// `model.evictions_suppressed` line when its second ends.
    static func makeModels(
        configuration: MonitoringConfiguration, logger: StructuredLogger
    ) throws -> ModelCacheManager<AutopilotModel, AutopilotModel> {
        let cacheConfiguration: ModelCacheManager<AutopilotModel, AutopilotModel>.Configuration =
            configuration.models.cacheConfiguration()
        let evictions = RateLimitedLog(
            logger: logger, event: "model.evicted", summaryEvent: "model.evictions_suppressed",
            limit: evictionLogLimit, window: .seconds(1))
        return try ModelCacheManager<AutopilotModel, AutopilotModel>(
            configuration: cacheConfiguration,
            evictionSink: { record in
                evictions.log([
                    ("userId", .string(record.userId)), ("modelType", .string(record.modelType)),
                    ("reason", .string(record.reason.rawValue)), ("idleTimeMs", .number(record.idleTimeMs)),
                    ("timestamp", .string(MonitoringJSON.timestamp(record.timestamp))),
                ])
            })
    }

    /// `model.evicted` lines per second at most (per process).
    static let evictionLogLimit = 20
}
