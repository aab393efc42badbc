import Autopilot
import Foundation
import Monitoring
import QueueCore
import ScheduledPosts

/// The demo workload of `make run` (`DEMO=1`): seeds models for a few users, then schedules a post every
/// second (due 5–20 s later) and asks for a budget recommendation every 5 s, so the API, the queues and both
/// model caches move within a minute. Off unless `DEMO=1`; runs until cancelled.
enum DemoTrickle {
    /// Users the demo seeds and posts for.
    static let users = 8

    static func run(
        scheduler: PostScheduler, models: ModelStore, adQueue: Queue, logger: StructuredLogger
    ) async {
        do {
            let report = try await models.seed(users: users, sizeKB: 64)
            logger.log(
                .info, "demo.seeded",
                [("users", .integer(Int64(users))), ("socialModelBytes", .integer(Int64(report.socialModelBytes)))])
        } catch {
            logger.log(.error, "demo.seed_failed", [("error", .string("\(error)"))])
            return
        }
        var random = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970))
        let phrases = [
            "New single out now", "Behind the scenes", "Tour dates announced", "Studio update", "Live tonight",
        ]
        var tick = 0
        while !Task.isCancelled {
            let user = "user-\(Int.random(in: 1...users, using: &random))"
            let post = NewPost(
                userID: user, platform: ["instagram", "x", "tiktok"][tick % 3],
                content: "\(phrases[Int.random(in: 0..<phrases.count, using: &random)]) #music",
                scheduledAt: Date().addingTimeInterval(Double.random(in: 5...20, using: &random)))
            do {
                _ = try await scheduler.schedule(post)
                if tick % 5 == 0 {
                    try await AdOptimizationProcessor.request(
                        .init(userId: user, valuePerConversion: Double.random(in: 2...20, using: &random)), on: adQueue)
                }
            } catch {
                logger.log(.warning, "demo.schedule_failed", [("error", .string("\(error)"))])
            }
            tick += 1
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
