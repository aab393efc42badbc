import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// A job that relies on a BullMQ feature this engine does not implement (legacy repeatable jobs) is refused
/// loudly: failed with a reason naming the feature, its processor never run. Flows are implemented.
final class UnsupportedFeatureTests: QueueTestCase {
    private func refusedReason(afterMarking fields: [String], options: JobOptions = JobOptions()) async throws
        -> String?
    {
        let id = try await queue.add("special", json: "{}", options: options)
        if !fields.isEmpty { try await client.send(["HSET", keys.job(id)] + fields) }
        let ran = Counter()
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            ran.increment()
            return 1
        }
        worker.start()
        try await waitUntil("the job finished") {
            let state = try await self.queue.state(of: id)
            return state == .failed || state == .completed
        }
        await worker.close()
        XCTAssertEqual(ran.value, 0, "the processor ran a job it cannot handle")
        let job = try await queue.job(id)
        XCTAssertEqual(job?.attemptsMade, 1)
        return job?.failedReason
    }

    func testAFlowChildOrPolicyIsNoLongerRefused() async throws {
        let child = try await queue.add("child", json: "{}", options: JobOptions(other: ["fpof": .bool(true)]))
        try await redis("HSET", keys.job(child), "parentKey", "bull:parents:1")
        let (worker, done) = try startCountingWorker()
        try await waitUntil("the flow child completed") { done.value == 1 }
        await worker.close()
        let state = try await queue.state(of: child)
        XCTAssertEqual(state, .completed)
    }

    func testALegacyRepeatableJobIsFailedNamingIt() async throws {
        let reason = try await refusedReason(afterMarking: ["rjk", "report:report:::60000"])
        XCTAssertTrue(
            reason?.contains("legacy repeatable jobs (added with `repeat`, key report:report:::60000)") ?? false,
            "\(reason ?? "nil")")
        let noScheduler = try await refusedReason(
            afterMarking: [], options: JobOptions(other: ["repeat": .object(["every": .number(1000)])]))
        XCTAssertTrue(noScheduler?.contains("legacy repeatable jobs") ?? false, "\(noScheduler ?? "nil")")
    }

    func testAPlainJobIsNotRefused() async throws {
        let id = try await queue.add("plain", json: "{}")
        let (worker, done) = try startCountingWorker()
        try await waitUntil("the plain job completed") { done.value == 1 }
        await worker.close()
        let state = try await queue.state(of: id)
        XCTAssertEqual(state, .completed)
    }
}
