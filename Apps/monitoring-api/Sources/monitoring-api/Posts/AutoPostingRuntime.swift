import AIModelCache
import Autopilot
import Foundation
import Monitoring
import PostgresClient
import QueueCore
import RedisClient
import ScheduledPosts

/// The auto-posting side of this process: the posts scheduler behind the posts API and, when `processing`,
/// the `social-posts` worker (models through the `social` cache), the `ad-optimization` worker (models through
/// the `advertising` cache) and the reconciler (at start-up and every 5 minutes), and with `demo` (`DEMO=1`)
/// the demo workload. Started by default; `--no-workers` with an explicit `DATABASE_URL` starts it without
/// processing (an API tier in front of `--workers-only` processes); Postgres is `databaseURL`.
///
/// Nothing here waits for PostgreSQL at start: ``run()`` connects in the background (``DatabaseReadiness``:
/// migrations retried with capped backoff) and starts the workers, the reconciler and the demo once it answers,
/// so the process serves monitoring during a database outage. Posts already scheduled wait in Redis and
/// PostgreSQL meanwhile; the reconciler's first pass enqueues any whose job is missing.
struct AutoPostingRuntime: Sendable {
    let database: PostgresClient
    /// A one-connection client with short timeouts for the readiness probe, apart from the workers' pool.
    let probeDatabase: PostgresClient
    /// Whether the database answers: the posts component of system health and the posts API's 503.
    let readiness: DatabaseReadiness
    let redis: RedisClient
    let scheduler: PostScheduler
    /// Asks the reconciler for a pass soon after a post's job could not be added (Redis down).
    let reconcileRequests: ReconcileRequests
    /// The workers; empty without processing.
    let workers: [Worker]
    /// Whether this process runs the workers and the reconciler (false: the API tier only schedules).
    let processing: Bool
    /// The user's social model through this process's `social` cache (loaded from PostgreSQL on a miss, the
    /// default model for a user without one): the posts worker's and the suggested-time route's.
    let socialModel: PostPublishingProcessor.ModelProvider
    /// The `ad-optimization` queue, where the ad-optimisation route adds requests.
    let adQueue: Queue
    let modelStore: ModelStore
    let logger: StructuredLogger
    /// The webhook publisher when `PUBLISH_WEBHOOK_URL` is set, else nil (the database publisher).
    let webhook: WebhookPublisher?
    /// Whether ``run()`` starts the demo workload (`DEMO`).
    let demo: Bool
    /// The background work of ``run()``: connect, then the workers' companions (probe, reconciler, demo).
    private(set) var running: Task<Void, Never>?

    /// Builds the clients and the workers without connecting (``run()`` does); throws when `DATABASE_URL` or
    /// `webhookURL` is invalid, never because PostgreSQL is down. Posts go to `webhookURL` when given
    /// (`WebhookPublisher`), else to the `DatabasePublisher`; either way the publication is recorded in
    /// `publications`. `demo` starts the demo workload with the workers; `processing` false builds no workers.
    static func start(
        databaseURL: String, configuration: MonitoringConfiguration,
        models: ModelCacheManager<AutopilotModel, AutopilotModel>, logger: StructuredLogger, webhookURL: String? = nil,
        demo: Bool = false, processing: Bool = true
    ) async throws -> AutoPostingRuntime {
        let webhook = try webhookURL.flatMap { $0.isEmpty ? nil : $0 }.map {
            try WebhookPublisher(configuration: .init(url: $0))
        }
        let database = try PostgresClient(configuration: .init(url: databaseURL))
        let probeDatabase = try PostgresClient(
            configuration: .init(
                url: databaseURL, poolSize: 1, connectTimeout: .seconds(2), statementTimeout: .seconds(2),
                acquireTimeout: .seconds(2)))
        let store = ScheduledPostStore(database: database)
        let modelStore = ModelStore(database: database)
        let redis = RedisClient(configuration: try RedisConfiguration(url: configuration.redisURL, poolSize: 4))
        // A post stored while Redis is down gets its job from the reconciler within seconds of Redis's return.
        let reconcileRequests = ReconcileRequests()
        let scheduler = try PostScheduler(
            store: store, client: redis,
            configuration: .init(
                prefix: configuration.queuePrefix,
                onEnqueueFailure: { id, error in
                    logger.log(
                        .warning, "posts.enqueue_failed",
                        [("postId", .integer(Int64(id))), ("error", .string("\(error)"))])
                    reconcileRequests.request()
                }))
        let loader = SocialModelLoader(store: modelStore) { userID in
            logger.log(.info, "models.default_used", [("userId", .string(userID)), ("model", .string("social"))])
        }
        let social = models.social
        let socialModel: PostPublishingProcessor.ModelProvider = { userID in
            let entry = try await social.model(for: userID) { userID in
                let model = try await loader.load(userID: userID)
                return AutopilotModel(userID: userID, estimatedBytes: model.estimatedBytes, social: model)
            }
            guard let model = entry.social else { return try await loader.load(userID: userID) }
            return model
        }
        let posts = PostPublishingProcessor(
            store: store, publisher: webhook ?? DatabasePublisher(), model: socialModel)
        let advertising = models.advertising
        let ads = AdOptimizationProcessor(database: database) { userID in
            let entry = try await advertising.model(for: userID) { userID in
                let model = try await modelStore.advertisingModel(for: userID) ?? .untrained(userID: userID)
                return AutopilotModel(userID: userID, estimatedBytes: model.estimatedBytes, advertising: model)
            }
            return entry.advertising ?? .untrained(userID: userID)
        }
        let workerConfiguration = Worker.Configuration(prefix: configuration.queuePrefix, concurrency: 4)
        let workers =
            processing
            ? [
                try posts.makeWorker(client: redis, configuration: workerConfiguration),
                try ads.makeWorker(client: redis, configuration: workerConfiguration),
            ] : []
        let adQueue = try Queue(
            name: AdOptimizationProcessor.queueName, client: redis,
            configuration: Queue.Configuration(prefix: configuration.queuePrefix))
        return AutoPostingRuntime(
            database: database, probeDatabase: probeDatabase,
            readiness: DatabaseReadiness(
                address: database.address, probeInterval: configuration.monitorInterval, logger: logger),
            redis: redis, scheduler: scheduler, reconcileRequests: reconcileRequests, workers: workers,
            processing: processing, socialModel: socialModel, adQueue: adQueue,
            modelStore: modelStore, logger: logger, webhook: webhook, demo: demo)
    }

    /// Connects in the background (migrations retried with capped backoff), then starts the readiness probe
    /// and, when ``processing``, the workers, the reconciler and (with ``demo``) the demo workload. Called after
    /// the server logged `server.listening`, which must stay the first log line.
    mutating func run() {
        let (logger, scheduler, adQueue, modelStore) = (logger, scheduler, adQueue, modelStore)
        let (workers, readiness, store, probeDatabase, demo, requests, processing) = (
            workers, readiness, scheduler.store, probeDatabase, demo, reconcileRequests, processing
        )
        running = Task {
            guard await readiness.connect(prepare: { try await store.migrate() }) else { return }
            for worker in workers { worker.start() }
            let reconciler = Reconciler(scheduler: scheduler)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await readiness.watch { try await probeDatabase.execute("SELECT 1") } }
                guard processing else { return }
                group.addTask {
                    await reconciler.run(
                        requests: requests,
                        onReport: { report in
                            logger.log(
                                .info, "posts.reconciled",
                                [
                                    ("checked", .integer(Int64(report.checked))),
                                    ("enqueued", .integer(Int64(report.enqueued))),
                                ])
                        },
                        onError: { error in
                            logger.log(.error, "posts.reconcile_failed", [("error", .string("\(error)"))])
                        })
                }
                if demo {
                    group.addTask {
                        await DemoTrickle.run(
                            scheduler: scheduler, models: modelStore, adQueue: adQueue, logger: logger)
                    }
                }
            }
        }
    }

    /// Stops connecting, the probe, the reconciler and the demo, lets running jobs finish, and closes the
    /// connections.
    func stop() async {
        running?.cancel()
        await running?.value
        for worker in workers { await worker.close() }
        await redis.close()
        webhook?.shutdown()
        database.close()
        probeDatabase.close()
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
