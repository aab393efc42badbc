import Autopilot
import Essentials
import Foundation
import PostgresClient
import PrivateServices
import QueueCore
import RedisClient
import ScheduledPosts

#if canImport(Glibc)
import Glibc
#endif

/// Scenario 2, Database Persistence Across Restarts: a post is scheduled, Postgres is stopped the hard way
/// (`pg_ctl stop -m immediate`) and started again, the auto-posting service is restarted; the post is
/// retrievable and is later published exactly once. Uses a Postgres cluster of its own.
///
/// The "service" is the auto-posting stack (`PostScheduler`, `Reconciler`, the publishing `Worker`) built in
/// this process; restarting it means dropping every connection and building it again from configuration.
struct DatabasePersistenceScenario: Scenario {
    let name = "database-persistence"
    let title = "Database Persistence Across Restarts"
    /// How far ahead the post is scheduled, in seconds (long enough to restart everything before it is due).
    var leadSeconds = 5.0

    /// Creates the scenario.
    init() {}

    /// The auto-posting stack of one service lifetime.
    private struct Service {
        let database: PostgresClient
        let store: ScheduledPostStore
        let scheduler: PostScheduler

        init(databaseURL: String, redis: RedisClient, queueName: String, prefix: String) throws {
            database = try PostgresClient(configuration: PostgresClient.Configuration(url: databaseURL, poolSize: 2))
            store = ScheduledPostStore(database: database)
            scheduler = try PostScheduler(
                store: store, client: redis,
                configuration: PostScheduler.Configuration(queueName: queueName, prefix: prefix))
        }
    }

    func run(in context: ScenarioContext) async throws -> Verdict {
        let postgres = try await offPool { try PostgresService() }
        defer { postgres.stop() }
        let databaseURL = try await offPool { try postgres.makeDatabase("posts") }
        context.step("started a private postgres (postmaster pid \(postgres.postmasterPID ?? 0))")
        let redis = try context.redisClient()
        let queueName = context.uniqueQueueName("social-posts")
        do {
            let verdict = try await run(
                context: context, postgres: postgres, databaseURL: databaseURL, redis: redis, queueName: queueName)
            await redis.close()
            return verdict
        } catch {
            await redis.close()
            throw error
        }
    }

    private func run(
        context: ScenarioContext, postgres: PostgresService, databaseURL: String, redis: RedisClient,
        queueName: String
    ) async throws -> Verdict {
        // Lifetime 1: schedule the post, then the database dies under the service.
        let first = try Service(databaseURL: databaseURL, redis: redis, queueName: queueName, prefix: context.prefix)
        try await first.store.migrate()
        let scheduledAt = Date().addingTimeInterval(leadSeconds)
        let post = try await first.scheduler.schedule(
            NewPost(
                userID: "user-1", platform: "instagram", content: "chaos persistence check", scheduledAt: scheduledAt))
        context.acknowledged(["post-\(post.id)"])
        context.step("scheduled post \(post.id) for +\(Int(leadSeconds)) s (status \(post.status.rawValue))")

        let pid = postgres.postmasterPID ?? 0
        let stoppedAt = ContinuousClock.now
        try await offPool { try postgres.stopImmediate() }
        // pg_ctl's immediate mode is a SIGQUIT to the postmaster: no checkpoint, crash recovery on start.
        context.recordSignal(SIGQUIT, process: "postgres (pg_ctl stop -m immediate)", pid: pid)
        first.database.close()
        try await offPool { try postgres.start() }
        let downMs = (ContinuousClock.now - stoppedAt).fractionalMilliseconds
        context.recordRestart("postgres (postmaster pid \(postgres.postmasterPID ?? 0)) after crash recovery")
        context.figure("postgresDownMs", downMs)

        // Lifetime 2: the service starts again from its configuration, reconciles, and runs its worker.
        let second = try Service(databaseURL: databaseURL, redis: redis, queueName: queueName, prefix: context.prefix)
        defer { second.database.close() }
        context.recordRestart("auto-posting service (new connections, reconciler, worker)")
        let stored = try await second.store.post(id: post.id)
        var failures: [String] = []
        let survived = stored?.content == post.content && stored?.status.isPending == true
        let storedText = stored.map { $0.status.rawValue } ?? "missing"
        if !survived { failures.append("post \(post.id) after the restart: \(storedText)") }
        let report = try await Reconciler(scheduler: second.scheduler).reconcile()
        context.step(
            "post \(post.id) \(survived ? "retrievable and pending" : "NOT retrievable as scheduled") "
                + "(\(storedText)); reconciler checked \(report.checked)")
        let processor = PostPublishingProcessor(store: second.store) { userID in
            SocialEngagementModel.untrained(userID: userID, dimension: 16)
        }
        let worker = try processor.makeWorker(
            client: redis, queueName: queueName,
            configuration: Worker.Configuration(prefix: context.prefix, concurrency: 2, drainDelay: .milliseconds(500)))
        worker.start()
        let published = try await Deadline.poll(timeout: .seconds(leadSeconds + 20), interval: .milliseconds(200)) {
            try await second.store.post(id: post.id)?.status == .published
        }
        await worker.close()
        let publications = try await second.store.publicationCount(postID: post.id)
        context.figure("publications", Double(publications))
        if !published { failures.append("post \(post.id) was not published") }
        if publications != 1 { failures.append("post \(post.id) has \(publications) publications, expected exactly 1") }
        return Verdict(
            summary: String(
                format: "post %d %@ an immediate stop (down %.0f ms), published %d time(s) after the restart",
                post.id, survived ? "survived" : "did NOT survive", downMs, publications),
            failures: failures)
    }
}
