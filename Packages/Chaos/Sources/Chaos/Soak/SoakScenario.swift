import Foundation
import PostgresClient
import PrivateServices
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Soak (`--soak 10m`, with `--kill-worker-every`, `--crash-postgres-every`, `--kill-redis-every`): the product's
/// own workload for `duration` while the disturbers of its ``SoakPlan`` strike, then the checker accounts for
/// every acknowledged job and every acknowledged post, and the resource watch judges the long-lived processes.
///
/// The workload: plain jobs added every 20 ms, run by three `maxctl worker` processes (attempts recorded in the
/// suite's attempt log), and a post scheduled every 100 ms through monitoring-api's posts API, published by its
/// auto-posting workers into the posts database. Redis (AOF `appendfsync always`) and the posts' PostgreSQL are
/// the soak's own, so it can crash them; the attempt log lives in the suite's database, which no disturber
/// touches.
struct SoakScenario: Scenario {
    let name = "soak"
    var title: String { "Soak: \(plan.duration) of \(plan.disturbersText) under load" }
    /// How long, and what disturbs it.
    var plan: SoakPlan
    /// Workers running at once. Default 3.
    var workers = 3
    /// How long the checkers wait, after the load stops, for every job and post to finish. Default 3 minutes.
    var settleTimeout: Duration = .seconds(180)

    /// Creates a soak following `plan`.
    init(plan: SoakPlan) {
        self.plan = plan
    }

    func run(in context: ScenarioContext) async throws -> Verdict {
        let redis = try await offPool { try RedisService(fsync: .always) }
        defer { redis.stop() }
        let postgres = try await offPool { try PostgresService() }
        defer { postgres.stop() }
        let postsURL = try await offPool { try postgres.makeDatabase("posts") }
        context.step(
            "started a private redis-server (pid \(redis.pid), appendfsync always) and postgres (postmaster pid "
                + "\(postgres.postmasterPID ?? 0)) for the soak")
        let api = try await context.startMonitoringAPI(
            redisURL: redis.url, queues: [], postsDatabaseURL: postsURL)
        defer { api.shutdown() }
        return try await context.withQueue(context.uniqueQueueName("soak"), redisURL: redis.url) { queue, log in
            var fleet: [ManagedProcess] = []
            for index in 1...workers {
                fleet.append(
                    try await context.startWorker(
                        "worker-\(index)", queue: queue.name, redisURL: redis.url,
                        maxStalled: plan.maxWorkerKills + 10, concurrency: 2))
            }
            let watch = ResourceWatch(
                [("monitoring-api", api.process.pid)]
                    + (plan.redisKillEvery == nil ? [("redis-server", redis.pid)] : [])
                    + (plan.postgresCrashEvery == nil ? [("postgres", postgres.postmasterPID ?? 0)] : []))
            let watching = Task { await watch.run(every: .seconds(2)) }
            defer { watching.cancel() }
            let jobs = LoadProducer()
            let posts = try PostsProducer(tag: "soak-\(queue.name)")
            defer { posts.shutdown() }
            // A disturber that throws ends the soak: the producers must stop then too.
            defer {
                jobs.stop()
                posts.stop()
            }
            let producingJobs = Task { await jobs.run(queue: queue, interval: .milliseconds(20), jobMs: 100) }
            let producingPosts = Task {
                await posts.run(baseURL: api.baseURL, interval: .milliseconds(100), lead: .seconds(2))
            }
            let disturbers = SoakDisturbers(context: context, plan: plan)
            let counts = try await disturbers.run(workers: fleet, redis: redis, postgres: postgres)
            jobs.stop()
            posts.stop()
            await producingJobs.value
            await producingPosts.value
            context.acknowledged(jobs.acknowledged)
            context.figure("workerKills", Double(counts.workerKills))
            context.figure("postgresCrashes", Double(counts.postgresCrashes))
            context.figure("redisKills", Double(counts.redisKills))
            context.figure("postsRefused", Double(posts.refused))
            context.step(
                "load stopped: \(jobs.acknowledged.count) jobs and \(posts.acknowledged.count) posts acknowledged "
                    + "(\(posts.refused) posts refused, \(posts.inDoubt.count) in doubt); settling")

            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: settleTimeout)
            let accounting = try await checker.check(acknowledged: jobs.acknowledged, inDoubt: jobs.inDoubt)
            context.record(accounting)
            let postAccounting = try await accountPosts(posts, databaseURL: postsURL)
            context.evidence.posts(postAccounting)
            context.step("posts checker: \(postAccounting.summary)")
            watching.cancel()
            let trends = watch.trends(soak: plan.duration)
            context.evidence.resources(trends)
            for trend in trends {
                context.step(
                    "\(trend.process): RSS \(trend.firstRSSKiB / 1024)→\(trend.lastRSSKiB / 1024) MiB, fds "
                        + "\(trend.firstFDs)→\(trend.lastFDs) over \(trend.samples) samples"
                        + (trend.rssRiseKiB == nil ? " (too short to judge)" : ""))
            }
            var failures = Self.failures(plan: plan, counts: counts, accounting: accounting)
            failures += postAccounting.failures
            if postAccounting.acknowledged == 0 { failures.append("no post was acknowledged: the soak proved nothing") }
            failures += trends.flatMap(\.failures)
            if !api.process.isRunning {
                failures.append("monitoring-api exited during the soak: see \(api.process.logPath)")
            }
            return Verdict(
                summary: "\(counts.summary); jobs acknowledged \(accounting.acknowledged), "
                    + "completed \(accounting.completed), lost \(accounting.lost.count); posts acknowledged "
                    + "\(postAccounting.acknowledged), published once \(postAccounting.publishedOnce), lost "
                    + "\(postAccounting.lost.count), published twice \(postAccounting.publishedTwice.count)",
                failures: failures)
        }
    }

    /// Waits (bounded) until every acknowledged post has left `scheduled`/`queued`, then tallies them.
    private func accountPosts(_ posts: PostsProducer, databaseURL: String) async throws -> PostAccounting {
        let database = try PostgresClient(configuration: PostgresClient.Configuration(url: databaseURL, poolSize: 1))
        defer { database.close() }
        _ = await PostAccounting.settle(
            tag: posts.tag, acknowledged: posts.acknowledged, database: database, timeout: settleTimeout)
        let rows = try await PostAccounting.rows(tag: posts.tag, database: database)
        return PostAccounting.account(rows: rows, acknowledged: posts.acknowledged, inDoubt: Set(posts.inDoubt))
    }

    /// Why a soak fails: a disturber of the plan that never struck or no acknowledged job (nothing was proven),
    /// the checker's failures, or fewer completions than acknowledged adds (the stall limit is above the worker
    /// kills, so none may fail).
    static func failures(plan: SoakPlan, counts: SoakDisturbers.Counts, accounting: Accounting) -> [String] {
        var failures: [String] = []
        if plan.workerKillEvery != nil && counts.workerKills == 0 {
            failures.append("no worker was killed: the soak proved nothing")
        }
        if plan.postgresCrashEvery != nil && counts.postgresCrashes == 0 {
            failures.append("PostgreSQL never crashed: the soak proved nothing")
        }
        if plan.redisKillEvery != nil && counts.redisKills == 0 {
            failures.append("Redis was never killed: the soak proved nothing")
        }
        if accounting.acknowledged == 0 { failures.append("no add was acknowledged: the soak proved nothing") }
        failures += accounting.failures
        if accounting.completed != accounting.acknowledged {
            failures.append("completed \(accounting.completed) ≠ acknowledged \(accounting.acknowledged)")
        }
        return failures
    }
}
