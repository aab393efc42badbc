import Autopilot
import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import ScheduledPosts
import XCTest

/// The `ad-optimization` jobs on real Redis and PostgreSQL.
final class AdOptimizationTests: PostsTestCase {
    func testBudgetJobsLoadEachUsersAdvertisingModelOnceAndStoreItsRecommendation() async throws {
        _ = try await models.seed(users: 2, sizeKB: 1)
        let cache = SingleFlightCache<AdvertisingBudgetModel>()
        let loads = loads
        let models = models!
        let processor = AdOptimizationProcessor(database: database) { userID in
            try await cache.model(for: userID) { userID in
                loads.record(userID)
                return try await models.advertisingModel(for: userID) ?? .untrained(userID: userID)
            }
        }
        let queue = try Queue(name: TestServices.uniqueName("ads"), client: redis)
        defer { Task { [queue] in try? await queue.obliterate(force: true) } }
        for round in 0..<3 {
            for user in ["user-1", "user-2", "nobody"] {
                try await AdOptimizationProcessor.request(
                    .init(userId: user, valuePerConversion: 5 + Double(round)), on: queue)
            }
        }
        let worker = try processor.makeWorker(
            client: redis, queueName: queue.name, configuration: .init(concurrency: 3, drainDelay: .milliseconds(300)))
        worker.start()
        workers.append(worker)
        try await waitUntil("9 jobs completed") { (try await queue.counts()[.completed] ?? 0) == 9 }
        XCTAssertEqual(loads.snapshot, ["user-1": 1, "user-2": 1, "nobody": 1])
        let model = try await models.advertisingModel(for: "user-1")!
        let stored = try await processor.recommendation(for: "user-1")
        XCTAssertTrue(stored?.modelTrained ?? false)
        // The last round (value 7) wins for each user; all of one user's jobs agree on its model.
        let expected = [5.0, 6, 7].map { model.recommendedBudget(valuePerConversion: $0) }
        XCTAssertTrue(expected.contains(stored!.dailyBudget), "\(stored!) not in \(expected)")
        let fallback = try await processor.recommendation(for: "nobody")
        XCTAssertEqual(fallback?.modelTrained, false)
    }

    func testAnInvalidRequestFailsAtOnceWithoutRetrying() async throws {
        let processor = AdOptimizationProcessor(database: database) { .untrained(userID: $0) }
        let job = try Job(
            id: "1", fields: ["name": "optimize-budget", "data": #"{"userId":"u","valuePerConversion":0}"#])
        do {
            _ = try await processor.process(job)
            XCTFail("expected an unrecoverable error")
        } catch let error as UnrecoverableError {
            XCTAssertTrue(error.message.contains("valuePerConversion > 0"), error.message)
        }
    }
}
