import Chaos
import Essentials
import Foundation
import HTTPServe
import PostgresClient
import PrivateServices
import QueueCore
import RedisClient
import ScheduledPosts
import Synchronization

/// What lives for a whole `maxctl load` or `maxctl burnin` run: the connections to Redis and PostgreSQL, the
/// posts scheduler and queue of its prefix, the webhook receiver and the API tier (the tool's own, or `--api`).
struct LoadSession: Sendable {
    let database: PostgresClient
    let redis: RedisClient
    let scheduler: PostScheduler
    let postsQueue: Queue
    let receiver: WebhookReceiver
    /// The API tier the tool started (nil with `--api`).
    let apiTier: MonitoringAPIProcess?
    /// The API's base URL.
    let api: String
    /// The queue prefix: the tool's own (its tag) with its own API tier, else `--prefix`.
    let prefix: String

    /// Checks Redis and PostgreSQL, starts the receiver and (without `--api`) the API tier.
    /// `prefix` defaults to `tag` with the tool's own API tier and to ``LoadPlan/prefix`` with `--api`.
    static func open(plan: LoadPlan, tag: String, prefix given: String? = nil) async throws(CommandFailure)
        -> LoadSession
    {
        let prefix = given ?? (plan.api == nil ? tag : plan.prefix)
        do {
            try FileManager.default.createDirectory(atPath: plan.logDirectory, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create the log directory \(plan.logDirectory): \(error)", exitCode: .warning)
        }
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
            let apiTier = plan.api == nil ? try await startAPITier(plan: plan, prefix: prefix) : nil
            let api = apiTier?.baseURL ?? plan.api ?? ""
            try await waitForPostsAPI(api, plan: plan)
            return LoadSession(
                database: database, redis: redis, scheduler: scheduler, postsQueue: postsQueue, receiver: receiver,
                apiTier: apiTier, api: api, prefix: prefix)
        } catch {
            await redis.close()
            database.close()
            throw (error as? CommandFailure) ?? CommandFailure("\(error)", exitCode: .critical)
        }
    }

    /// Moves an earlier run's log at `path` aside (`<path>.previous`), so that a process started again (`burnin
    /// --resume`) is waited for on its own lines, not on the first run's `server.listening` or `ready`.
    static func freshLog(_ path: String) -> String {
        if FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path + ".previous")
            try? FileManager.default.moveItem(atPath: path, toPath: path + ".previous")
        }
        return path
    }

    private static func startAPITier(plan: LoadPlan, prefix: String) async throws -> MonitoringAPIProcess {
        var environment: [String: String] = [:]
        if let token = plan.token { environment["API_TOKEN"] = token }
        return try await MonitoringAPIProcess.start(
            name: "api", executable: plan.monitoringAPI,
            arguments: [
                "--no-workers", "--port", "0", "--redis", plan.redisURL, "--database", plan.databaseURL,
                "--queue-prefix", prefix, "--monitor-interval", "1s", "--max-social-models", "\(plan.apiCacheSize)",
            ], environment: environment, logPath: freshLog("\(plan.logDirectory)/api.log"))
    }

    /// Waits (30 s at most) until `GET /api/posts?limit=1` answers 200: the API is up and its database ready.
    private static func waitForPostsAPI(_ api: String, plan: LoadPlan) async throws(CommandFailure) {
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

    /// Stops the API tier and the receiver and closes the connections.
    func close() async {
        if let apiTier {
            _ = try? await offPool { apiTier.process.stop(grace: .seconds(10)) }
            apiTier.shutdown()
        }
        await receiver.stop()
        await redis.close()
        database.close()
    }

    /// How many of `posts` are published, from PostgreSQL (nil-safe: 0 while it cannot be read).
    @Sendable func publishedCount(_ posts: [AcknowledgedPost]) async -> Int {
        guard !posts.isEmpty,
            let rows = try? await database.query(
                "SELECT count(*) AS n FROM scheduled_posts WHERE id = ANY($1::bigint[]) AND status = 'published'",
                [.string("{" + posts.map { String($0.id) }.joined(separator: ",") + "}")]),
            let count = try? rows.first?.decode(Int.self, "n")
        else { return 0 }
        return count
    }
}
