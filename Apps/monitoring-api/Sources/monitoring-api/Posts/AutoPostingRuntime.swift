import AIModelCache
import Autopilot
import Foundation
import Monitoring
import PostgresClient
import QueueCore
import RedisClient
import ScheduledPosts

/// The auto-posting workers of this process: the `social-posts` worker (models through the `social` cache),
/// the `ad-optimization` worker (models through the `advertising` cache) and the reconciler (at start-up and
/// every 5 minutes), and with `DEMO=1` the demo workload. Started by default (`--no-workers` skips it); Postgres is `DATABASE_URL`.
struct AutoPostingRuntime: Sendable {
    let database: PostgresClient
    let redis: RedisClient
    let scheduler: PostScheduler
    let workers: [Worker]
    let prefix: String
    let modelStore: ModelStore
    let logger: StructuredLogger
    /// The webhook publisher when `PUBLISH_WEBHOOK_URL` is set, else nil (the database publisher).
    let webhook: WebhookPublisher?
    /// The reconciler, once ``run()`` started it.
    private(set) var reconciling: Task<Void, Never>?
    /// The `DEMO=1` workload (`DemoTrickle`), else nil.
    private(set) var demo: Task<Void, Never>?

    /// Connects, migrates and builds the workers (``run()`` starts them); throws when Postgres is unreachable
    /// or `webhookURL` is not an `http://` URL. Posts go to `webhookURL` when given (`WebhookPublisher`),
    /// else to the `DatabasePublisher`; either way the publication is recorded in `publications`.
    static func start(
        databaseURL: String, configuration: MonitoringConfiguration,
        models: ModelCacheManager<AutopilotModel, AutopilotModel>, logger: StructuredLogger, webhookURL: String? = nil
    ) async throws -> AutoPostingRuntime {
        let webhook = try webhookURL.flatMap { $0.isEmpty ? nil : $0 }.map {
            try WebhookPublisher(configuration: .init(url: $0))
        }
        let database = try PostgresClient(configuration: .init(url: databaseURL))
        let store = ScheduledPostStore(database: database)
        try await store.migrate()
        let modelStore = ModelStore(database: database)
        let redis = RedisClient(configuration: try RedisConfiguration(url: configuration.redisURL, poolSize: 4))
        let scheduler = try PostScheduler(
            store: store, client: redis,
            configuration: .init(
                prefix: configuration.queuePrefix,
                onEnqueueFailure: { id, error in
                    logger.log(
                        .warning, "posts.enqueue_failed",
                        [("postId", .integer(Int64(id))), ("error", .string("\(error)"))])
                }))
        let loader = SocialModelLoader(store: modelStore) { userID in
            logger.log(.info, "models.default_used", [("userId", .string(userID)), ("model", .string("social"))])
        }
        let social = models.social
        let posts = PostPublishingProcessor(store: store, publisher: webhook ?? DatabasePublisher()) { userID in
            let entry = try await social.model(for: userID) { userID in
                let model = try await loader.load(userID: userID)
                return AutopilotModel(userID: userID, estimatedBytes: model.estimatedBytes, social: model)
            }
            guard let model = entry.social else { return try await loader.load(userID: userID) }
            return model
        }
        let advertising = models.advertising
        let ads = AdOptimizationProcessor(database: database) { userID in
            let entry = try await advertising.model(for: userID) { userID in
                let model = try await modelStore.advertisingModel(for: userID) ?? .untrained(userID: userID)
                return AutopilotModel(userID: userID, estimatedBytes: model.estimatedBytes, advertising: model)
            }
            return entry.advertising ?? .untrained(userID: userID)
        }
        let workerConfiguration = Worker.Configuration(prefix: configuration.queuePrefix, concurrency: 4)
        let workers = [
            try posts.makeWorker(client: redis, configuration: workerConfiguration),
            try ads.makeWorker(client: redis, configuration: workerConfiguration),
        ]
        return AutoPostingRuntime(
            database: database, redis: redis, scheduler: scheduler, workers: workers, prefix: configuration.queuePrefix,
            modelStore: modelStore, logger: logger, webhook: webhook)
    }

    /// Starts the workers, the reconciler and (with `DEMO=1`) the demo workload. Called after the server
    /// logged `server.listening`, which must stay the first log line.
    mutating func run() {
        for worker in workers { worker.start() }
        let (logger, scheduler, redis, prefix, modelStore) = (logger, scheduler, redis, prefix, modelStore)
        let reconciler = Reconciler(scheduler: scheduler)
        reconciling = Task {
            await reconciler.run(
                onReport: { report in
                    logger.log(
                        .info, "posts.reconciled",
                        [("checked", .integer(Int64(report.checked))), ("enqueued", .integer(Int64(report.enqueued)))])
                },
                onError: { error in logger.log(.error, "posts.reconcile_failed", [("error", .string("\(error)"))]) })
        }
        demo =
            ProcessInfo.processInfo.environment["DEMO"] == "1"
            ? Task {
                let adQueue = try? Queue(
                    name: AdOptimizationProcessor.queueName, client: redis,
                    configuration: Queue.Configuration(prefix: prefix))
                guard let adQueue else { return }
                await DemoTrickle.run(scheduler: scheduler, models: modelStore, adQueue: adQueue, logger: logger)
            } : nil
    }

    /// Stops the reconciler, lets running jobs finish, and closes the connections.
    func stop() async {
        demo?.cancel()
        await demo?.value
        reconciling?.cancel()
        await reconciling?.value
        for worker in workers { await worker.close() }
        await redis.close()
        webhook?.shutdown()
        database.close()
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
