import Chaos
import Essentials
import Foundation
import QueueCore
import ScheduledPosts

/// The scaling measurement of a load step: a backlog of due posts is scheduled while the posts queue is paused,
/// then the queue is resumed and the time until every one of them is published is the drain time: seen by the
/// tool's receiver when only its worker processes publish, else (`--api`: the deployment's own workers publish
/// elsewhere too) counted in PostgreSQL.
struct BacklogDrain: Sendable {
    /// What one drain measured.
    struct Result: Sendable, Codable, Equatable {
        /// Posts in the backlog.
        var posts: Int
        /// Resume → the last first delivery, seconds.
        var seconds: Double
        /// posts ÷ seconds.
        var postsPerSecond: Double
        /// Whether every post was delivered before the bound.
        var finished: Bool
    }

    let scheduler: PostScheduler
    let postsQueue: Queue
    /// How many of the given posts are published so far.
    let published: @Sendable ([AcknowledgedPost]) async -> Int

    /// Schedules `count` posts due now (content `<tag>-<n>`, one user per 10 posts), resumes the queue and waits
    /// for every delivery, at most `bound`. Returns the measurement and the acknowledged posts (for the
    /// exactly-once accounting).
    func run(count: Int, tag: String, bound: Duration) async throws -> (Result, [AcknowledgedPost]) {
        try await postsQueue.pause()
        var acknowledged: [AcknowledgedPost] = []
        do {
            acknowledged = try await schedule(count: count, tag: tag)
        } catch {
            try? await postsQueue.resume()
            throw error
        }
        let posts = acknowledged
        let clock = ContinuousClock()
        let started = clock.now
        try await postsQueue.resume()
        let finished = await Deadline.poll(timeout: bound, interval: .milliseconds(20)) {
            await published(posts) >= posts.count
        }
        let seconds = (clock.now - started).fractionalMilliseconds / 1000
        return (
            Result(
                posts: count, seconds: seconds, postsPerSecond: Double(await published(posts)) / max(seconds, 0.001),
                finished: finished), acknowledged
        )
    }

    /// Schedules the backlog, 16 at a time.
    private func schedule(count: Int, tag: String) async throws -> [AcknowledgedPost] {
        var acknowledged: [AcknowledgedPost] = []
        var next = 0
        while next < count {
            let batch = next..<min(next + 16, count)
            let posts = try await withThrowingTaskGroup(of: AcknowledgedPost.self) { group in
                for index in batch {
                    group.addTask {
                        let content = "\(tag)-\(index)"
                        let post = try await scheduler.schedule(
                            NewPost(
                                userID: "\(tag)-user-\(index / 10)", platform: "instagram", content: content,
                                scheduledAt: Date()))
                        return AcknowledgedPost(id: post.id, content: content)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            acknowledged += posts
            next = batch.upperBound
        }
        return acknowledged
    }
}
