import Autopilot
import Foundation
import PostgresClient
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import ScheduledPosts
import XCTest

/// A database that crashes again and again while posts fall due costs no post its publication: the
/// failures are the infrastructure's, so the jobs wait them out without spending attempts, and every post is
/// published exactly once soon after the database is back.
final class DatabaseOutageTests: XCTestCase {
    func testPostsDueDuringRepeatedDatabaseCrashesAreAllPublishedOnceAfterItsReturn() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        let database = try PostgresClient(
            configuration: .init(url: server.url, poolSize: 4, connectTimeout: .seconds(1)))
        defer { database.close() }
        let store = ScheduledPostStore(database: database)
        try await store.migrate()
        let redis = RedisClient(
            configuration: try RedisConfiguration(url: try await offPool { try TestServices.redisURL() }))
        let queueName = TestServices.uniqueName("outage")
        // Three attempts 100 ms apart: without the infrastructure rule, a few seconds of outage fail a post.
        let scheduler = try PostScheduler(
            store: store, client: redis,
            configuration: .init(queueName: queueName, attempts: 3, initialBackoff: .milliseconds(100)))
        let loader = SocialModelLoader(store: ModelStore(database: database), defaultDimension: 8)
        let processor = PostPublishingProcessor(store: store) { try await loader.load(userID: $0) }
        let worker = try processor.makeWorker(
            client: redis, queueName: queueName,
            configuration: Worker.Configuration(
                concurrency: 4, lockDuration: .seconds(5), stalledInterval: .seconds(5), drainDelay: .milliseconds(200))
        )

        var posts: [ScheduledPost] = []
        for index in 0..<20 {
            posts.append(
                try await scheduler.schedule(
                    NewPost(
                        userID: "user-\(index % 4)", platform: "instagram", content: "post \(index)",
                        scheduledAt: Date().addingTimeInterval(0.15 * Double(index)))))
        }
        worker.start()
        // Three crashes (immediate stops), each down ~1.2 s, while the posts fall due.
        for _ in 0..<3 {
            try await offPool { try server.stopImmediate() }
            try await Task.sleep(for: .milliseconds(1200))
            try await offPool { try server.start() }
            try await Task.sleep(for: .milliseconds(400))
        }
        let back = ContinuousClock.now
        try await waitUntil("every post is published", timeout: .seconds(40)) {
            for post in posts where try await store.post(id: post.id)?.status != .published { return false }
            return true
        }
        let afterReturn = ContinuousClock.now - back
        await worker.close()
        for post in posts {
            let count = try await store.publicationCount(postID: post.id)
            XCTAssertEqual(count, 1, "post \(post.id) published \(count) times")
            let row = try await store.post(id: post.id)
            XCTAssertLessThanOrEqual(row?.attempts ?? 0, 1, "post \(post.id): infrastructure failures spent attempts")
        }
        let failed = try await scheduler.queue.counts()[.failed] ?? 0
        XCTAssertEqual(failed, 0, "no job failed on the outage")
        // The bound the processor promises (at most 10 s between tries), with room for a loaded machine.
        XCTAssertLessThan(afterReturn, .seconds(30), "published \(afterReturn) after the database's return")
        try? await scheduler.queue.obliterate(force: true)
        await redis.close()
    }
}
