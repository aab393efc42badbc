import Autopilot
import Essentials
import Foundation
import QueueCore
import RedisClient

/// The processor of `social-posts` jobs: loads the user's social model, scores the post, publishes it and
/// marks it published — exactly once per post, however often the job is delivered.
///
/// A job whose post is no longer pending, or whose version was superseded by a reschedule, is a no-op. A
/// publishing failure is recorded on the row and rethrown, so the queue retries it with the job's
/// exponential backoff; the last attempt marks the post `failed` with the reason. An unreachable database
/// or publisher is not the post's failure: the job waits and tries again without spending an attempt. The model comes from a
/// closure ("model for user") so this module needs no model cache: the app passes one that goes through
/// its AIModelCache. Runs on the cooperative pool; all I/O is async.
public struct PostPublishingProcessor: Sendable {
    /// Returns the social model of a user (cached by the caller; the default model when the user has none).
    public typealias ModelProvider = @Sendable (_ userID: String) async throws -> SocialEngagementModel

    /// The store.
    public let store: ScheduledPostStore
    /// Where posts go.
    public let publisher: any Publisher
    let model: ModelProvider
    let now: @Sendable () -> Date

    /// Creates the processor; `publisher` defaults to the `DatabasePublisher`, `now` to the wall clock.
    public init(
        store: ScheduledPostStore, publisher: any Publisher = DatabasePublisher(),
        now: @escaping @Sendable () -> Date = { Date() }, model: @escaping ModelProvider
    ) {
        self.store = store
        self.publisher = publisher
        self.model = model
        self.now = now
    }

    /// Runs one job. Throws (so the queue retries) when loading the model or publishing fails. An
    /// infrastructure failure (database or publisher unreachable; `InfrastructureFailure`) spends no attempt:
    /// the job waits (0.5 s doubling, at most 10 s) and tries again, for up to a day after the post's time.
    public func process(_ job: Job) async throws -> PublishOutcome {
        do {
            return try await attempt(job)
        } catch {
            if error is CancellationError || Task.isCancelled { throw error }
            guard InfrastructureFailure.isInfrastructure(error),
                let wait = InfrastructureFailure.retryDelay(for: job, now: now())
            else { throw error }
            let due = Int64((now().timeIntervalSince1970 * 1000).rounded(.down)) + wait.wholeMilliseconds
            try await JobContext.moveToDelayed(until: due)
        }
    }

    private func attempt(_ job: Job) async throws -> PublishOutcome {
        guard let data = try? job.decodeData(PostJobData.self) else {
            throw UnrecoverableError("job \(job.id) has no post id in its data; it was not added by PostScheduler")
        }
        guard let post = try await store.post(id: data.postId) else {
            return .skipped(data.postId, "post \(data.postId) does not exist")
        }
        guard post.status.isPending else { return .skipped(post.id, "post is already \(post.status.rawValue)") }
        guard post.jobVersion == data.version else {
            return .skipped(post.id, "job v\(data.version) was superseded by v\(post.jobVersion)")
        }
        let attempt = job.attemptsMade + 1
        do {
            let socialModel = try await model(post.userID)
            let engagement = socialModel.predictedEngagement(text: post.content, at: post.scheduledAt)
            // The publisher sees the score it is published with (the webhook body carries it).
            var scored = post
            scored.predictedEngagement = engagement
            let publication = try await publisher.publish(scored, idempotencyKey: "post-\(post.id)")
            guard
                try await store.markPublished(
                    id: post.id, version: data.version, publication: publication, predictedEngagement: engagement,
                    at: now())
            else { return .skipped(post.id, "another delivery of this post finished first") }
            return PublishOutcome(
                result: "published", postId: post.id, externalId: publication.externalID,
                predictedEngagement: engagement)
        } catch {
            // A cancelled processor (forced worker close) did not fail: the stalled check gives the job back.
            if error is CancellationError || Task.isCancelled { throw error }
            if InfrastructureFailure.isInfrastructure(error) { throw error }
            let reason = String(describing: error)
            try await store.recordFailedAttempt(id: post.id, reason: reason)
            if attempt >= max(job.options.attempts, 1) {
                try await store.markFailed(id: post.id, reason: "failed after \(attempt) attempts: \(reason)")
            }
            throw error
        }
    }

    /// A worker on the posts queue running this processor. Defaults: concurrency 4, BullMQ's lock and stall
    /// settings; `queueName`/`prefix` must match the scheduler's.
    public func makeWorker(
        client: RedisClient, queueName: String = "social-posts",
        configuration: Worker.Configuration = Worker.Configuration(concurrency: 4)
    ) throws -> Worker {
        try Worker(queueName: queueName, client: client, configuration: configuration) { job in
            try await self.process(job)
        }
    }
}
