import Autopilot
import Foundation
import QueueCore
import QueueCoreTestSupport
import ScheduledPosts
import XCTest

/// Scheduling and publishing end to end on real Redis and PostgreSQL.
final class PublishingTests: PostsTestCase {
    func testScheduledPostIsPublishedOnceAndNotBeforeItsTime() async throws {
        _ = try await models.seed(users: 1, sizeKB: 4)
        try startWorker(makeProcessor())
        let post = try await scheduler.schedule(newPost(in: .milliseconds(1500)))
        XCTAssertEqual(post.status, .queued)
        XCTAssertEqual(post.jobID, "post-\(post.id)-v1")
        let state = try await scheduler.queue.state(of: post.jobID)
        XCTAssertEqual(state, .delayed)

        try await Task.sleep(for: .milliseconds(700))
        let early = try await store.post(id: post.id)
        XCTAssertEqual(early?.status, .queued, "published before its time")
        let earlyCount = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(earlyCount, 0)

        let published = try await waitForStatus(.published, of: post.id)
        let publishedAt = try XCTUnwrap(published.publishedAt)
        XCTAssertGreaterThanOrEqual(publishedAt, post.scheduledAt.addingTimeInterval(-0.05))
        XCTAssertEqual(published.attempts, 1)
        XCTAssertEqual(published.externalID, "post-\(post.id)")
        XCTAssertNotNil(published.predictedEngagement)
        // Row, publication and job agree.
        let publication = try await store.publication(postID: post.id)
        XCTAssertEqual(publication, Publication(publisher: "database", externalID: "post-\(post.id)"))
        try await waitUntil("the job is completed") { try await scheduler.queue.state(of: post.jobID) == .completed }
        let outcome = try await scheduler.queue.job(post.jobID)?.decodeReturnValue(PublishOutcome.self)
        XCTAssertEqual(outcome?.result, "published")
        XCTAssertEqual(outcome?.externalId, "post-\(post.id)")
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 1)
    }

    func testTheSameJobDeliveredTwiceGivesOnePublication() async throws {
        let post = try await scheduler.schedule(newPost())
        let stored = try await scheduler.queue.job(post.jobID)
        let job = try XCTUnwrap(stored)
        let processor = makeProcessor()
        // Redelivery: the same job run concurrently by three "workers", then once more afterwards.
        let outcomes = try await withThrowingTaskGroup(of: PublishOutcome.self) { group in
            for _ in 0..<3 { group.addTask { try await processor.process(job) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let again = try await processor.process(job)
        XCTAssertEqual(outcomes.filter { $0.result == "published" }.count, 1, "\(outcomes)")
        XCTAssertEqual(again.result, "skipped")
        XCTAssertEqual(again.reason, "post is already published")
        // The job itself, still in the queue, is then delivered by a real worker: a no-op.
        try startWorker(processor)
        try await waitUntil("the queued job completes") {
            try await scheduler.queue.state(of: post.jobID) == .completed
        }
        let outcome = try await scheduler.queue.job(post.jobID)?.decodeReturnValue(PublishOutcome.self)
        XCTAssertEqual(outcome?.result, "skipped")
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 1)
        let row = try await store.post(id: post.id)
        XCTAssertEqual(row?.attempts, 1)
    }

    func testPublisherFailingTwiceThenSucceedingIsAttemptedThreeTimesWithExponentialSpacing() async throws {
        let publisher = ScriptedPublisher(failures: 2)
        try startWorker(makeProcessor(publisher: publisher))
        let post = try await scheduler.schedule(newPost())
        let published = try await waitForStatus(.published, of: post.id)
        let times = publisher.callTimes
        XCTAssertEqual(times.count, 3)
        XCTAssertEqual(published.attempts, 3)
        XCTAssertEqual(published.externalID, "ext-\(post.id)")
        // Backoff 300 ms, then 600 ms. Only lower bounds: a loaded machine may run a retry late, never early.
        // A fixed backoff would give a second gap near 300 ms, so the second bound alone shows the doubling.
        let first = (times[1] - times[0]) / .milliseconds(1)
        let second = (times[2] - times[1]) / .milliseconds(1)
        XCTAssertGreaterThanOrEqual(first, 280, "first gap \(first) ms")
        XCTAssertGreaterThanOrEqual(second, 570, "second gap \(second) ms (an exponential backoff doubles)")
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 1)
    }

    func testPublisherFailingAlwaysMarksThePostFailedWithTheReasonAfterThreeAttempts() async throws {
        let publisher = ScriptedPublisher(failures: nil)
        try startWorker(makeProcessor(publisher: publisher))
        let post = try await scheduler.schedule(newPost())
        let failed = try await waitForStatus(.failed, of: post.id)
        XCTAssertEqual(failed.attempts, 3)
        let reason = try XCTUnwrap(failed.lastError)
        XCTAssertTrue(reason.contains("failed after 3 attempts"), reason)
        XCTAssertTrue(reason.contains("the platform refused the post (call 3)"), reason)
        try await waitUntil("the job is failed") { try await scheduler.queue.state(of: post.jobID) == .failed }
        XCTAssertEqual(publisher.callTimes.count, 3)
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 0)
        let job = try await scheduler.queue.job(post.jobID)
        XCTAssertEqual(job?.attemptsMade, 3)
    }

    func testRepeatedPostsOfOneUserLoadItsModelOnce() async throws {
        _ = try await models.seed(users: 2, sizeKB: 8)
        try startWorker(makeProcessor(cache: SingleFlightCache<SocialEngagementModel>()), concurrency: 4)
        var ids: [Int] = []
        for index in 0..<6 {
            ids.append(try await scheduler.schedule(newPost(user: index < 4 ? "user-1" : "user-2")).id)
        }
        ids.append(try await scheduler.schedule(newPost(user: "no-model-user")).id)
        for id in ids { _ = try await waitForStatus(.published, of: id) }
        XCTAssertEqual(loads.snapshot, ["user-1": 1, "user-2": 1, "no-model-user": 1])
        // Scored with the user's own model: the stored prediction equals a fresh one.
        let model = try await models.socialModel(for: "user-1")!
        let post = try await store.post(id: ids[0])!
        XCTAssertEqual(
            try XCTUnwrap(post.predictedEngagement),
            model.predictedEngagement(text: post.content, at: post.scheduledAt),
            accuracy: 1e-6)
    }
}
