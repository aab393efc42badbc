import Foundation
import QueueCore

/// Makes Redis agree with Postgres: every post still `scheduled` or `queued` gets a job in the queue.
///
/// A post whose job `post-<id>-v<n>` is missing (Redis lost its data, or the add after the commit failed) is
/// enqueued again with the same id. A post whose job already finished while the row is still pending (a
/// worker crashed between publishing and marking) gets a new version and a new job; the publication's
/// unique key keeps that from publishing twice. Run it at start-up and every few minutes (`run`).
public final class Reconciler: Sendable {
    /// What one pass did.
    public struct Report: Sendable, Hashable {
        /// Pending posts looked at.
        public var checked: Int
        /// Posts whose job was missing and was added again.
        public var enqueued: Int
        /// Posts whose job had finished without the row changing, re-enqueued with a new version.
        public var requeuedFinished: Int

        /// A report with the given counts (all 0 by default).
        public init(checked: Int = 0, enqueued: Int = 0, requeuedFinished: Int = 0) {
            self.checked = checked
            self.enqueued = enqueued
            self.requeuedFinished = requeuedFinished
        }
    }

    /// The scheduler whose store and queue are reconciled.
    public let scheduler: PostScheduler
    /// Posts read per database page.
    let pageSize: Int

    /// Creates a reconciler for `scheduler`'s store and queue.
    public init(scheduler: PostScheduler, pageSize: Int = 500) {
        self.scheduler = scheduler
        self.pageSize = max(pageSize, 1)
    }

    /// One pass over every pending post (one job-state read per post). Throws on a Redis or database error;
    /// the posts handled before it stay handled.
    public func reconcile() async throws -> Report {
        var report = Report()
        var afterID = 0
        while true {
            let page = try await scheduler.store.pendingPosts(afterID: afterID, limit: pageSize)
            for post in page {
                report.checked += 1
                switch try await scheduler.queue.state(of: post.jobID) {
                case .unknown:
                    try await scheduler.enqueue(post)
                    report.enqueued += 1
                case .completed, .failed:
                    if let bumped = try await scheduler.store.bumpVersion(id: post.id, from: post.jobVersion) {
                        try await scheduler.enqueue(bumped)
                        report.requeuedFinished += 1
                    }
                default:
                    // The job is waiting, delayed or running; mark the row so it reads as queued.
                    if post.status == .scheduled {
                        try await scheduler.store.markQueued(id: post.id, version: post.jobVersion)
                    }
                }
            }
            guard let last = page.last, page.count == pageSize else { break }
            afterID = last.id
        }
        return report
    }

    /// Reconciles now, then every `interval`, and soon after each of `requests`' requests, until the calling task
    /// is cancelled. A failed pass is reported to `onError` and retried after `retry` (doubling up to 30 s, and
    /// never later than the next interval), so a pass follows within seconds once Redis and the database answer
    /// again. Default interval: 5 minutes; `requests` and `retry` start at 1 s.
    public func run(
        every interval: Duration = .seconds(300), requests: ReconcileRequests? = nil,
        retry: Duration = .seconds(1), onReport: (@Sendable (Report) -> Void)? = nil,
        onError: (@Sendable (any Error) -> Void)? = nil
    ) async {
        let clock = ContinuousClock()
        var retryDelay = retry
        while !Task.isCancelled {
            _ = requests?.take()
            let wait: Duration
            do {
                onReport?(try await reconcile())
                retryDelay = retry
                wait = interval
            } catch {
                onError?(error)
                wait = min(retryDelay, interval)
                retryDelay = min(retryDelay * 2, max(.seconds(30), retry))
            }
            // Sleep in short steps so a request (a post whose job could not be added) starts a pass soon.
            let next = clock.now.advanced(by: wait)
            while !Task.isCancelled, clock.now < next {
                if requests?.isPending == true {
                    try? await Task.sleep(for: retry)
                    break
                }
                try? await Task.sleep(for: min(Self.requestPollStep, next - clock.now))
            }
        }
    }

    /// How often ``run(every:requests:retry:onReport:onError:)`` looks for a request while it waits.
    static let requestPollStep: Duration = .milliseconds(250)
}
