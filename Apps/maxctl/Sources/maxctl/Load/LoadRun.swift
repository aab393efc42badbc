import Chaos
import Essentials
import Foundation
import HTTPServe
import Monitoring
import PostgresClient
import PrivateServices
import QueueCore
import RedisClient
import ScheduledPosts
import Synchronization

/// One `maxctl load` run: the receiver, the API tier (its own or `--api`), then each step of ``LoadPlan``
/// (worker processes, drain, users, accounting) in turn; everything it started is stopped on every path.
struct LoadRun {
    let plan: LoadPlan

    /// The connections and processes that live for the whole run.
    private struct Session {
        let database: PostgresClient
        let redis: RedisClient
        let scheduler: PostScheduler
        let postsQueue: Queue
        let receiver: WebhookReceiver
        let apiTier: MonitoringAPIProcess?
        let api: String
        let prefix: String
    }

    func run() async throws(CommandFailure) -> LoadReport {
        let tag = Self.makeTag()
        try? FileManager.default.createDirectory(atPath: plan.logDirectory, withIntermediateDirectories: true)
        let session = try await open(tag: tag)
        var report = LoadReport(
            tag: tag, startedAt: MonitoringJSON.timestamp(Date()), users: plan.users,
            durationSeconds: plan.duration.fractionalMilliseconds / 1000, api: session.api,
            ownAPITier: session.apiTier != nil, steps: [], failures: [])
        do {
            for (index, count) in plan.workerCounts.enumerated() {
                var step = try await runStep(index: index, workers: count, tag: "\(tag)-s\(index + 1)", session)
                if let first = report.steps.first ?? (index == 0 ? step : nil), first.drain.postsPerSecond > 0 {
                    let perProcess = first.drain.postsPerSecond / Double(first.workers)
                    step.scalingEfficiency = step.drain.postsPerSecond / (Double(count) * perProcess)
                }
                report.failures += Self.failures(of: step)
                report.steps.append(step)
            }
        } catch {
            await close(session)
            throw error
        }
        await close(session)
        return report
    }

    /// Checks Redis and PostgreSQL, starts the receiver and (without `--api`) the API tier.
    private func open(tag: String) async throws(CommandFailure) -> Session {
        let prefix = plan.api == nil ? tag : plan.prefix
        let database: PostgresClient
        let redis: RedisClient
        do {
            database = try PostgresClient(configuration: .init(url: plan.databaseURL, poolSize: 4))
            redis = RedisClient(configuration: try RedisConfiguration(url: plan.redisURL, poolSize: 4))
        } catch {
            throw CommandFailure("\(error) (check --database and --redis)", exitCode: .unknown)
        }
        do {
            _ = try await redis.send(["PING"])
            try await ScheduledPostStore(database: database).migrate()
        } catch {
            await redis.close()
            database.close()
            throw CommandFailure(
                "Redis or PostgreSQL cannot be reached: \(error) (check --redis / REDIS_URL and --database / "
                    + "DATABASE_URL)", exitCode: .critical)
        }
        do {
            let receiver = try WebhookReceiver(delay: plan.receiverDelay)
            let store = ScheduledPostStore(database: database)
            let scheduler = try PostScheduler(store: store, client: redis, configuration: .init(prefix: prefix))
            let postsQueue = try Queue(
                name: "social-posts", client: redis, configuration: Queue.Configuration(prefix: prefix))
            let apiTier = plan.api == nil ? try await startAPITier(prefix: prefix) : nil
            let api = apiTier?.baseURL ?? plan.api ?? ""
            try await waitForPostsAPI(api)
            return Session(
                database: database, redis: redis, scheduler: scheduler, postsQueue: postsQueue, receiver: receiver,
                apiTier: apiTier, api: api, prefix: prefix)
        } catch {
            await redis.close()
            database.close()
            throw (error as? CommandFailure) ?? CommandFailure("\(error)", exitCode: .critical)
        }
    }

    private func startAPITier(prefix: String) async throws -> MonitoringAPIProcess {
        var environment: [String: String] = [:]
        if let token = plan.token { environment["API_TOKEN"] = token }
        return try await MonitoringAPIProcess.start(
            name: "api", executable: plan.monitoringAPI,
            arguments: [
                "--no-workers", "--port", "0", "--redis", plan.redisURL, "--database", plan.databaseURL,
                "--queue-prefix", prefix, "--monitor-interval", "1s", "--max-social-models", "\(plan.apiCacheSize)",
            ], environment: environment, logPath: "\(plan.logDirectory)/api.log")
    }

    /// Waits (30 s at most) until `GET /api/posts?limit=1` answers 200: the API is up and its database ready.
    private func waitForPostsAPI(_ api: String) async throws(CommandFailure) {
        let client: HTTPClient
        do {
            client = try HTTPClient(configuration: .init(connectTimeout: plan.timeout, requestTimeout: plan.timeout))
        } catch {
            throw CommandFailure("\(error)", exitCode: .critical)
        }
        defer { client.shutdown() }
        var headers = HTTPHeaders()
        if let token = plan.token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        let last = Mutex<String>("no answer")
        let authorized = headers
        let ready = await Deadline.poll(timeout: .seconds(30), interval: .milliseconds(200)) {
            guard let response = try? await client.get(api + "/api/posts?limit=1", headers: authorized) else {
                return false
            }
            last.withLock { $0 = "HTTP \(response.status): \(response.text.prefix(200))" }
            return response.status == 200
        }
        guard ready else {
            throw CommandFailure(
                "the posts API at \(api) is not ready (\(last.withLock { $0 })): it needs monitoring-api with a "
                    + "database (--workers, or --no-workers with DATABASE_URL) and a token if it has one (--token)",
                exitCode: .critical)
        }
    }

    private func close(_ session: Session) async {
        if let apiTier = session.apiTier {
            _ = try? await offPool { apiTier.process.stop(grace: .seconds(10)) }
            apiTier.shutdown()
        }
        await session.receiver.stop()
        await session.redis.close()
        session.database.close()
    }

    /// One step: `workers` processes, the drain, the users, the accounting.
    private func runStep(index: Int, workers: Int, tag: String, _ session: Session) async throws(CommandFailure)
        -> LoadReport.Step
    {
        let total = plan.workerCounts.count
        Output.printProgress("step \(index + 1)/\(total): starting \(workers) worker process(es)")
        let fleet = try await WorkerFleet.start(
            count: workers, plan: plan, prefix: session.prefix, webhookURL: session.receiver.url, step: index + 1)
        var watched = fleet.watched
        if let apiTier = session.apiTier { watched.append(("api", apiTier.process.pid)) }
        let watch = ResourceWatch(watched)
        let watching = Task { await watch.run(every: .seconds(1)) }
        let started = ContinuousClock.now
        defer { watching.cancel() }
        do {
            let backlog = plan.backlogPerWorker * workers
            Output.printProgress("step \(index + 1)/\(total): draining \(backlog) due posts")
            let drain = BacklogDrain(
                scheduler: session.scheduler, postsQueue: session.postsQueue, receiver: session.receiver)
            let (drained, drainPosts) = try await drain.run(
                count: backlog, tag: "\(tag)-drain", bound: .seconds(60) + .milliseconds(backlog * 100))
            Output.printProgress(
                "step \(index + 1)/\(total): drained \(drained.posts) posts in "
                    + String(format: "%.2f s (%.1f posts/s)", drained.seconds, drained.postsPerSecond))
            let users = try await UsersPhase(plan: plan, api: session.api, tag: tag, step: index + 1, of: total)
                .run(cache: CacheReader(plan: plan, api: session.api, apiPID: session.apiTier?.process.pid))
            let accounting = try await account(
                tag: tag, acknowledged: drainPosts + users.acknowledged, inDoubt: users.inDoubt, session)
            let endToEnd = try await endToEndTimes(contentPrefix: "\(tag)-u", session.database)
            await fleet.stop()
            watching.cancel()
            let trends = watch.trends(soak: ContinuousClock.now - started)
            return LoadReport.Step(
                workers: workers, drain: drained, scalingEfficiency: nil, seconds: users.seconds,
                requests: users.requests, requestsPerSecond: Double(users.requests) / max(users.seconds, 0.001),
                postsPerSecond: Double(users.acknowledged.count) / max(users.seconds, 0.001), errors: users.errors,
                latency: users.latency, latencyAll: users.latencyAll, endToEnd: BaselineFigure(samples: endToEnd),
                posts: accounting.posts,
                deliveredMoreThanOnce: session.receiver.deliveredMoreThanOnce(accounting.ids), cache: users.cache,
                processes: trends)
        } catch {
            await fleet.stop()
            throw (error as? CommandFailure)
                ?? CommandFailure("load step \(index + 1) failed: \(error)", exitCode: .critical)
        }
    }

    /// Waits (2 minutes at most) for every acknowledged post to leave `scheduled`/`queued`, then accounts.
    private func account(
        tag: String, acknowledged: [AcknowledgedPost], inDoubt: [String], _ session: Session
    ) async throws -> (posts: PostAccounting, ids: [Int]) {
        Output.printProgress("waiting for \(acknowledged.count) acknowledged posts to be published")
        _ = await PostAccounting.settle(
            tag: tag, acknowledged: acknowledged, database: session.database, timeout: .seconds(120))
        let rows = try await PostAccounting.rows(tag: tag, database: session.database)
        return (
            PostAccounting.account(rows: rows, acknowledged: acknowledged, inDoubt: Set(inDoubt)),
            acknowledged.map(\.id)
        )
    }

    /// Due → published of the published posts whose content starts with `contentPrefix`, ms.
    private func endToEndTimes(contentPrefix: String, _ database: PostgresClient) async throws -> [Double] {
        let rows = try await database.query(
            """
            SELECT (extract(epoch FROM (u.published_at - p.scheduled_at)) * 1000)::float8 AS ms
            FROM publications u JOIN scheduled_posts p ON p.id = u.post_id WHERE p.content LIKE $1
            """, [.string(contentPrefix + "%")])
        return try rows.map { try $0.decode(Double.self, "ms") }
    }

    /// The failures of a step: its accounting's and an unfinished drain.
    static func failures(of step: LoadReport.Step) -> [String] {
        var failures = step.posts.failures.map { "\(step.workers) worker(s): \($0)" }
        if !step.drain.finished {
            failures.append("\(step.workers) worker(s): the drain of \(step.drain.posts) posts did not finish")
        }
        return failures
    }

    /// `load-<UTC yyyymmddhhmmss>-<4 hex>`: lowercase letters, digits and `-` only (a LIKE pattern and a key prefix).
    static func makeTag() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return "load-\(formatter.string(from: Date()))-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}
