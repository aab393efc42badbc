import Foundation
import QueueCore
import QueueCoreTestSupport
import ScheduledPosts
import Synchronization
import XCTest

/// A worker lost in the middle of publishing: its job's lock expires, another worker takes it over.
final class WorkerLossTests: PostsTestCase {
    func testAPostWhoseWorkerWasLostMidPublishIsPublishedOnceByAnotherWorker() async throws {
        let publisher = HangingFirstCallPublisher()
        let lost = try makeProcessor(publisher: publisher).makeWorker(
            client: redis, queueName: queueName,
            configuration: Worker.Configuration(
                lockDuration: .seconds(1), stalledInterval: .milliseconds(500), runsStalledCheck: false,
                drainDelay: .milliseconds(300)))
        lost.start()
        let post = try await scheduler.schedule(newPost())
        try await waitUntil("the first worker is publishing") { publisher.keys.count == 1 }
        // Forced close: the processor is cancelled and nothing is recorded, as if the process died.
        await lost.close(force: true)
        let survivor = try makeProcessor(publisher: publisher).makeWorker(
            client: redis, queueName: queueName,
            configuration: Worker.Configuration(
                lockDuration: .seconds(1), stalledInterval: .milliseconds(500), drainDelay: .milliseconds(300)))
        survivor.start()
        workers.append(survivor)
        let published = try await waitForStatus(.published, of: post.id, timeout: .seconds(20))
        XCTAssertEqual(published.externalID, "ext-\(post.id)")
        XCTAssertEqual(publisher.keys, ["post-\(post.id)", "post-\(post.id)"], "both attempts carry one key")
        let count = try await store.publicationCount(postID: post.id)
        XCTAssertEqual(count, 1)
        try await waitUntil("the job is completed") { try await scheduler.queue.state(of: post.jobID) == .completed }
    }
}

/// A publisher whose first call never returns (until cancelled); later calls succeed. Records each key.
final class HangingFirstCallPublisher: Publisher {
    private let calls = Mutex<[String]>([])

    var keys: [String] { calls.withLock { $0 } }

    func publish(_ post: ScheduledPost, idempotencyKey: String) async throws -> Publication {
        let count = calls.withLock { calls in
            calls.append(idempotencyKey)
            return calls.count
        }
        if count == 1 {
            while true { try await Task.sleep(for: .seconds(1)) }
        }
        return Publication(publisher: "scripted", externalID: "ext-\(post.id)")
    }
}
