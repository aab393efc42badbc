import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import ScheduledPosts
import XCTest

/// The reconciler against a redis-server of the test's own, so FLUSHALL disturbs nobody.
final class ReconcilerTests: PostsTestCase {
    override class var ownsRedis: Bool { true }

    func testFlushingRedisAfterSchedulingStillPublishesThePostOnce() async throws {
        let posts = [
            try await scheduler.schedule(newPost(in: .milliseconds(800))),
            try await scheduler.schedule(newPost(user: "user-2", in: .milliseconds(800))),
        ]
        try await redis.send(["FLUSHALL"])
        for post in posts {
            let state = try await scheduler.queue.state(of: post.jobID)
            XCTAssertEqual(state, .unknown)
        }
        let report = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(report, Reconciler.Report(checked: 2, enqueued: 2, requeuedFinished: 0))
        // A second pass finds every job in place.
        let again = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(again, Reconciler.Report(checked: 2, enqueued: 0, requeuedFinished: 0))
        try startWorker(makeProcessor())
        for post in posts {
            let published = try await waitForStatus(.published, of: post.id)
            XCTAssertGreaterThanOrEqual(published.publishedAt!, post.scheduledAt.addingTimeInterval(-0.05))
            let count = try await store.publicationCount(postID: post.id)
            XCTAssertEqual(count, 1)
        }
        let after = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(after.checked, 0)
    }

    func testAFinishedJobOfAStillPendingPostIsEnqueuedAgainWithANewVersion() async throws {
        let post = try await scheduler.schedule(newPost())
        // A worker that completed the job but died before marking the row: the job is completed, the row queued.
        let worker = try Worker(
            queueName: queueName, client: redis, configuration: .init(drainDelay: .milliseconds(300))
        ) {
            _ in "crashed before marking"
        }
        worker.start()
        workers.append(worker)
        try await waitUntil("the job completes") { try await scheduler.queue.state(of: post.jobID) == .completed }
        await worker.close()
        let report = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(report.requeuedFinished, 1)
        try startWorker(makeProcessor())
        let published = try await waitForStatus(.published, of: post.id)
        XCTAssertEqual(published.jobVersion, 2)
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 1)
    }

    func testRunReconcilesAtStartAndOnItsInterval() async throws {
        let post = try await scheduler.schedule(newPost(in: .seconds(60)))
        let reconciler = Reconciler(scheduler: scheduler)
        let passes = FailureRecorder()
        let task = Task { await reconciler.run(every: .milliseconds(200), onReport: { passes.record($0.enqueued) }) }
        defer { task.cancel() }
        try await waitUntil("the first pass ran") { !passes.ids.isEmpty }
        try await redis.send(["FLUSHALL"])
        try await waitUntil("a later pass re-enqueued the post") { passes.ids.dropFirst().contains(1) }
        let state = try await scheduler.queue.state(of: post.jobID)
        XCTAssertEqual(state, .delayed)
        task.cancel()
        await task.value
    }

    func testAPostStoredWhileRedisIsDownGetsItsJobSoonAfterRedisIsBackNotAtTheNextInterval() async throws {
        let server = try XCTUnwrap(ownRedis)
        let requests = ReconcileRequests()
        let failures = FailureRecorder()
        let scheduler = try PostScheduler(
            store: store, client: redis,
            configuration: .init(
                queueName: queueName,
                onEnqueueFailure: { id, _ in
                    failures.record(id)
                    requests.request()
                }))
        let reconciler = Reconciler(scheduler: scheduler)
        let passes = FailureRecorder()
        // The interval is an hour: only the request can bring the pass that enqueues the post.
        let task = Task {
            await reconciler.run(
                every: .seconds(3600), requests: requests, retry: .milliseconds(200),
                onReport: { passes.record($0.enqueued) })
        }
        defer { task.cancel() }
        try await waitUntil("the start-up pass ran") { !passes.ids.isEmpty }
        try await offPool { server.send(signal: SIGKILL) }
        let post = try await scheduler.schedule(newPost(in: .seconds(60)))
        XCTAssertEqual(post.status, .scheduled, "stored, its job not added")
        XCTAssertEqual(failures.ids, [post.id])
        try await offPool { try server.restart() }
        try await waitUntil("the requested pass added the job", timeout: .seconds(15)) {
            (try? await scheduler.queue.state(of: post.jobID)) == .delayed
        }
        try await waitUntil("the row reads queued") { try await store.post(id: post.id)?.status == .queued }
        task.cancel()
        await task.value
    }
}
