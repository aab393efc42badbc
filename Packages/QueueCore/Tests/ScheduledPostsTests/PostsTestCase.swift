import Autopilot
import Foundation
import PostgresClient
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import ScheduledPosts
import Synchronization
import XCTest

/// Base of the auto-posting tests: a fresh database (migrated) and a fresh queue name on real servers, a
/// scheduler with short backoff, and helpers to run workers and wait with deadlines.
class PostsTestCase: XCTestCase {
    var database: PostgresClient!
    var redis: RedisClient!
    var store: ScheduledPostStore!
    var models: ModelStore!
    var scheduler: PostScheduler!
    var queueName = ""
    var workers: [Worker] = []
    /// Every model load the processors asked the database for, by user.
    let loads = LoadCounter()

    /// Whether the test case runs a redis-server of its own (for FLUSHALL, kills) instead of the shared one.
    class var ownsRedis: Bool { false }
    /// The redis-server of the test case's own (when ``ownsRedis``), to kill and restart.
    private(set) var ownRedis: ThrowawayRedis?

    override func setUp() async throws {
        let url = try await offPool { try TestServices.makeDatabase(prefix: "posts") }
        database = try PostgresClient(configuration: .init(url: url, poolSize: 4))
        store = ScheduledPostStore(database: database)
        try await store.migrate()
        models = ModelStore(database: database)
        let redisURL: String
        if Self.ownsRedis {
            let server = try await offPool { try ThrowawayRedis() }
            ownRedis = server
            redisURL = server.url
        } else {
            redisURL = try await offPool { try TestServices.redisURL() }
        }
        redis = RedisClient(configuration: try RedisConfiguration(url: redisURL, poolSize: 4))
        queueName = TestServices.uniqueName("posts")
        scheduler = try makeScheduler(initialBackoff: .milliseconds(300))
    }

    override func tearDown() async throws {
        for worker in workers { await worker.close(force: true) }
        try? await scheduler?.queue.obliterate(force: true)
        await redis?.close()
        database?.close()
        ownRedis?.stop()
    }

    func makeScheduler(initialBackoff: Duration) throws -> PostScheduler {
        try PostScheduler(
            store: store, client: redis,
            configuration: .init(queueName: queueName, initialBackoff: initialBackoff))
    }

    /// A processor whose model provider loads from `ai_models` through `cache` (counting every load).
    func makeProcessor(
        publisher: any Publisher = DatabasePublisher(), cache: SingleFlightCache<SocialEngagementModel>? = nil
    )
        -> PostPublishingProcessor
    {
        let loader = SocialModelLoader(store: models, defaultDimension: 8)
        let loads = loads
        let counted: PostPublishingProcessor.ModelProvider = { userID in
            loads.record(userID)
            return try await loader.load(userID: userID)
        }
        let provider: PostPublishingProcessor.ModelProvider =
            if let cache { { userID in try await cache.model(for: userID, load: counted) } } else { counted }
        return PostPublishingProcessor(store: store, publisher: publisher, model: provider)
    }

    /// Starts a worker on the test queue with short lock and drain timings.
    @discardableResult
    func startWorker(_ processor: PostPublishingProcessor, concurrency: Int = 1) throws -> Worker {
        let worker = try processor.makeWorker(
            client: redis, queueName: queueName,
            configuration: Worker.Configuration(
                concurrency: concurrency, lockDuration: .seconds(5), stalledInterval: .seconds(5),
                drainDelay: .milliseconds(300)))
        worker.start()
        workers.append(worker)
        return worker
    }

    /// A post for `user` due `delay` from now.
    func newPost(user: String = "user-1", in delay: Duration = .zero, content: String = "New single out now #music")
        -> NewPost
    {
        NewPost(
            userID: user, platform: "instagram", content: content,
            scheduledAt: Date().addingTimeInterval(delay / .seconds(1)))
    }

    func waitForStatus(_ status: PostStatus, of id: Int, timeout: Duration = .seconds(15), line: UInt = #line)
        async throws -> ScheduledPost
    {
        try await waitUntil("post \(id) is \(status.rawValue)", timeout: timeout, line: line) {
            try await store.post(id: id)?.status == status
        }
        return try await store.post(id: id)!
    }
}

/// Counts model loads per user.
final class LoadCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func record(_ userID: String) { counts.withLock { $0[userID, default: 0] += 1 } }
    var snapshot: [String: Int] { counts.withLock { $0 } }
}

/// A minimal single-flight model cache (what AIModelCache does, without its bounds): the first request for a
/// user loads, concurrent and later requests share that load. The app's tests use the real AIModelCache.
actor SingleFlightCache<Model: Sendable> {
    private var entries: [String: Task<Model, any Error>] = [:]

    func model(for userID: String, load: @escaping @Sendable (String) async throws -> Model) async throws -> Model {
        if let entry = entries[userID] { return try await entry.value }
        let task = Task { try await load(userID) }
        entries[userID] = task
        return try await task.value
    }
}

/// A publisher that fails its first `failures` calls (every call when nil) and records when it was called.
final class ScriptedPublisher: Publisher {
    private let failures: Int?
    private let calls = Mutex<[ContinuousClock.Instant]>([])

    init(failures: Int?) { self.failures = failures }

    var callTimes: [ContinuousClock.Instant] { calls.withLock { $0 } }

    func publish(_ post: ScheduledPost, idempotencyKey: String) async throws -> Publication {
        let count = calls.withLock { calls in
            calls.append(.now)
            return calls.count
        }
        if let failures {
            if count <= failures { throw ScheduledPostsError(.publishFailed, "network unreachable (call \(count))") }
        } else {
            throw ScheduledPostsError(.publishFailed, "the platform refused the post (call \(count))")
        }
        return Publication(publisher: "scripted", externalID: "ext-\(post.id)")
    }
}
