import Foundation
import QueueCore
import RedisClient
import ScheduledPosts
import Synchronization
import XCTest

/// Cancel, reschedule and the store's transitions on real Redis and PostgreSQL.
final class LifecycleTests: PostsTestCase {
    func testCancellingRemovesTheJobAndMarksTheRow() async throws {
        let post = try await scheduler.schedule(newPost(in: .seconds(60)))
        let cancelled = try await scheduler.cancel(id: post.id)
        XCTAssertEqual(cancelled.status, .cancelled)
        let state = try await scheduler.queue.state(of: post.jobID)
        XCTAssertEqual(state, .unknown)
        await assertError(.invalidTransition, "cancel post \(post.id): it is cancelled") {
            _ = try await self.scheduler.cancel(id: post.id)
        }
        await assertError(.notFound, "no scheduled post has id 999999") {
            _ = try await self.scheduler.cancel(id: 999_999)
        }
        let report = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(report.checked, 0, "a cancelled post is not re-enqueued")
    }

    func testEnqueuingAPostTheReconcilerMarkedQueuedFirstAnswersItQueued() async throws {
        let stored = try await store.insert(newPost(in: .seconds(60)))
        // The reconciler's pass saw the job and marked the row before the scheduler's own update ran.
        try await store.markQueued(id: stored.id, version: stored.jobVersion)
        let answered = try await scheduler.enqueue(stored)
        XCTAssertEqual(answered.status, .queued)
        let row = try await store.post(id: stored.id)
        XCTAssertEqual(answered, row)
    }

    func testReschedulingBumpsTheJobVersionAndPublishesTheNewJobOnly() async throws {
        let post = try await scheduler.schedule(newPost(in: .seconds(60)))
        let moved = try await scheduler.reschedule(id: post.id, to: Date().addingTimeInterval(0.3))
        XCTAssertEqual(moved.jobVersion, 2)
        XCTAssertEqual(moved.jobID, "post-\(post.id)-v2")
        let oldState = try await scheduler.queue.state(of: post.jobID)
        XCTAssertEqual(oldState, .unknown)
        // The old job, were it delivered anyway, is superseded.
        let oldJob = try Job(
            id: post.jobID, fields: ["name": PostJobID.jobName, "data": #"{"postId":\#(post.id),"version":1}"#])
        let skipped = try await makeProcessor().process(oldJob)
        XCTAssertEqual(skipped.reason, "job v1 was superseded by v2")
        try startWorker(makeProcessor())
        _ = try await waitForStatus(.published, of: post.id)
        let rows = try await database.query("SELECT job_id FROM publications WHERE post_id = $1", [.int(post.id)])
        XCTAssertEqual(try rows.map { try $0.decode(String.self, "job_id") }, [moved.jobID])
    }

    func testListingByStatusAndCountsFollowTheTransitions() async throws {
        let first = try await scheduler.schedule(newPost(in: .seconds(60)))
        let second = try await scheduler.schedule(newPost(in: .seconds(60)))
        _ = try await scheduler.cancel(id: second.id)
        let queued = try await store.posts(status: .queued)
        XCTAssertEqual(queued.map(\.id), [first.id])
        let all = try await store.posts()
        XCTAssertEqual(all.map(\.id), [first.id, second.id])
        let counts = try await store.countsByStatus()
        XCTAssertEqual(counts, [.queued: 1, .cancelled: 1])
        let failed = try await store.markFailed(id: second.id, reason: "x")
        XCTAssertFalse(failed, "a cancelled post cannot fail")
    }

    func testAPostAcceptedWhileRedisIsUnreachableStaysScheduledForTheReconciler() async throws {
        let failures = FailureRecorder()
        let unreachable = RedisClient(
            configuration: try RedisConfiguration(url: "redis://127.0.0.1:1", connectTimeout: .milliseconds(300)))
        let offline = try PostScheduler(
            store: store, client: unreachable,
            configuration: .init(queueName: queueName, onEnqueueFailure: { id, _ in failures.record(id) }))
        let post = try await offline.schedule(newPost(in: .seconds(60)))
        await unreachable.close()
        XCTAssertEqual(post.status, .scheduled)
        XCTAssertEqual(failures.ids, [post.id])
        let stored = try await store.post(id: post.id)
        XCTAssertEqual(stored?.status, .scheduled)
        let report = try await Reconciler(scheduler: scheduler).reconcile()
        XCTAssertEqual(report.enqueued, 1)
        let state = try await scheduler.queue.state(of: post.jobID)
        XCTAssertEqual(state, .delayed)
        let queued = try await store.post(id: post.id)
        XCTAssertEqual(queued?.status, .queued)
    }

    func assertError(
        _ code: ScheduledPostsError.Code, _ fragment: String, file: StaticString = #filePath, line: UInt = #line,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            XCTFail("expected \(code)", file: file, line: line)
        } catch let error as ScheduledPostsError {
            XCTAssertEqual(error.code, code, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: line)
        } catch {
            XCTFail("expected ScheduledPostsError \(code), got \(error)", file: file, line: line)
        }
    }
}

/// Post ids passed to `onEnqueueFailure`.
final class FailureRecorder: Sendable {
    private let recorded = Mutex<[Int]>([])
    func record(_ id: Int) { recorded.withLock { $0.append(id) } }
    var ids: [Int] { recorded.withLock { $0 } }
}
