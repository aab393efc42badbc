import Foundation
import QueueCore
import RedisClient

/// Schedules posts durably: the row is committed first, then the delayed job `post-<id>-v<n>` is added to
/// the `social-posts` queue.
///
/// If Redis is unreachable after the commit, the post stays `scheduled` and the `Reconciler` adds its job
/// later, so a post accepted here is never lost. Adding a job twice is harmless (BullMQ keeps the existing
/// job); a reschedule bumps `n` so its new job can be added while the old one's hash still exists.
/// Thread-safe; every method does network I/O.
public final class PostScheduler: Sendable {
    /// Queue and retry settings of post jobs.
    public struct Configuration: Sendable {
        /// The queue (default `social-posts`).
        public var queueName: String
        /// The key prefix (default `bull`).
        public var prefix: String
        /// Publication attempts in all (default 3, the spec's policy).
        public var attempts: Int
        /// The wait after the first failed attempt; doubles after each further one (default 1 s: 1 s, 2 s).
        public var initialBackoff: Duration
        /// Completed jobs kept in Redis (default the last 1,000).
        public var removeOnComplete: KeepJobs
        /// Failed jobs kept in Redis (default the last 5,000).
        public var removeOnFail: KeepJobs
        /// Called when a committed post's job could not be added (the reconciler will add it); default none.
        public var onEnqueueFailure: (@Sendable (_ postID: Int, _ error: any Error) -> Void)?

        /// Creates a configuration; every parameter has the default documented on its property.
        public init(
            queueName: String = "social-posts", prefix: String = "bull", attempts: Int = 3,
            initialBackoff: Duration = .seconds(1), removeOnComplete: KeepJobs = .last(1000),
            removeOnFail: KeepJobs = .last(5000),
            onEnqueueFailure: (@Sendable (_ postID: Int, _ error: any Error) -> Void)? = nil
        ) {
            self.queueName = queueName
            self.prefix = prefix
            self.attempts = attempts
            self.initialBackoff = initialBackoff
            self.removeOnComplete = removeOnComplete
            self.removeOnFail = removeOnFail
            self.onEnqueueFailure = onEnqueueFailure
        }

        /// Rejects an empty queue name or prefix, attempts outside 1…100 and a backoff outside 1 ms…1 h.
        public func validate() throws {
            guard !queueName.isEmpty, !prefix.isEmpty else {
                throw ScheduledPostsError(.invalidConfiguration, "queueName and prefix must not be empty")
            }
            guard (1...100).contains(attempts) else {
                throw ScheduledPostsError(.invalidConfiguration, "attempts must be in 1…100, got \(attempts)")
            }
            guard initialBackoff >= .milliseconds(1), initialBackoff <= .seconds(3600) else {
                throw ScheduledPostsError(.invalidConfiguration, "initialBackoff must be in 1 ms…1 h")
            }
        }

        /// The options of the job for `post`, due at its scheduled time as seen at `now`.
        func jobOptions(for post: ScheduledPost, now: Date) -> JobOptions {
            let delay = max(0, (post.scheduledAt.timeIntervalSince(now) * 1000).rounded(.up))
            let backoff = Int((initialBackoff / .milliseconds(1)).rounded())
            return JobOptions(
                jobId: post.jobID, delay: Int(min(delay, Double(Int32.max) * 1000)), attempts: attempts,
                backoff: .exponential(backoff), removeOnComplete: removeOnComplete, removeOnFail: removeOnFail)
        }
    }

    /// The store (system of record).
    public let store: ScheduledPostStore
    /// The `social-posts` queue.
    public let queue: Queue
    /// The settings.
    public let configuration: Configuration
    let now: @Sendable () -> Date

    /// Creates a scheduler; `now` is the clock used for validation and job delays (default the wall clock).
    public init(
        store: ScheduledPostStore, client: RedisClient, configuration: Configuration = Configuration(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try configuration.validate()
        self.store = store
        self.configuration = configuration
        self.queue = try Queue(
            name: configuration.queueName, client: client,
            configuration: Queue.Configuration(prefix: configuration.prefix))
        self.now = now
    }

    /// Validates and stores `post`, then adds its delayed job and marks it `queued`. Throws only for invalid
    /// input or a database failure; when Redis fails after the commit the post is returned as `scheduled`.
    public func schedule(_ post: NewPost) async throws -> ScheduledPost {
        let stored = try await store.insert(post, now: now())
        return await enqueueReportingFailure(stored)
    }

    /// Adds `post`'s job (`post-<id>-v<n>`, delayed until its time; harmless if it exists) and marks the post
    /// `queued`; returns the post as its row now stands. Throws when Redis or the database fails.
    @discardableResult
    public func enqueue(_ post: ScheduledPost) async throws -> ScheduledPost {
        _ = try await queue.add(
            PostJobID.jobName, data: PostJobData(postId: post.id, version: post.jobVersion),
            options: configuration.jobOptions(for: post, now: now()))
        var queued = post
        if try await store.markQueued(id: post.id, version: post.jobVersion) {
            queued.status = .queued
        } else if let current = try await store.post(id: post.id) {
            // Another path got there first (the reconciler marked it queued, a worker published it, a cancel):
            // the row decides, not the copy this call was given.
            queued = current
        }
        return queued
    }

    /// Moves a pending post to `date`: bumps its job version, removes the old job and adds the new one.
    /// Throws `.notFound`, `.invalidTransition` or `.invalidPost` (a time in the past).
    public func reschedule(id: Int, to date: Date) async throws -> ScheduledPost {
        let post = try await store.reschedule(id: id, to: date, now: now())
        // An old job that is running cannot be removed; it finds its version superseded and does nothing.
        _ = try? await queue.remove(PostJobID.make(postID: id, version: post.jobVersion - 1))
        return await enqueueReportingFailure(post)
    }

    /// Cancels a pending post: marks the row `cancelled` first (a job starting now sees it and does nothing),
    /// then removes its job. Throws `.notFound` or `.invalidTransition` (already published, failed, cancelled).
    public func cancel(id: Int) async throws -> ScheduledPost {
        let post = try await store.cancel(id: id)
        do {
            try await queue.remove(post.jobID)
        } catch {
            // The row decides: a job left behind (Redis down, or running) finds the post cancelled and skips.
            configuration.onEnqueueFailure?(id, error)
        }
        return post
    }

    private func enqueueReportingFailure(_ post: ScheduledPost) async -> ScheduledPost {
        do {
            return try await enqueue(post)
        } catch {
            configuration.onEnqueueFailure?(post.id, error)
            return post
        }
    }
}
