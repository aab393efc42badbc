import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

/// Our workers keep running totals per queue in `metrics:counters`, the exact source monitors read for
/// window figures (completed, failed, retries, processing time).
final class WorkerCountersTests: QueueTestCase {
    func testCountersAddUpCompletionsFailuresRetriesAndProcessingTime() async throws {
        for n in 0..<4 { _ = try await queue.add("ok", data: ["n": n]) }
        let failing = try await queue.add("bad", json: "{\"fail\":true}", options: JobOptions(attempts: 3))
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            if job.name == "bad" { throw QueueError(.invalidOption, "always fails") }
            try await Task.sleep(for: .milliseconds(30))
            return 1
        }
        worker.start()
        try await waitUntil("every job finished") {
            let counts = try await self.queue.counts()
            return counts[.completed] == 4 && counts[.failed] == 1
        }
        await worker.close()
        let failedState = try await queue.state(of: failing)
        XCTAssertEqual(failedState, .failed)

        let fields = try await strings("HGETALL", keys.key("metrics:counters"))
        let counters = Dictionary(
            uniqueKeysWithValues: stride(from: 0, to: fields.count - 1, by: 2).map {
                (fields[$0], Int(fields[$0 + 1]) ?? -1)
            })
        XCTAssertEqual(counters["completed"], 4)
        XCTAssertEqual(counters["failed"], 1)
        XCTAssertEqual(counters["retries"], 2, "three attempts are two retries")
        XCTAssertGreaterThanOrEqual(counters["processingMs"] ?? 0, 4 * 30, "each completed job slept 30 ms")
    }

    func testObliterateRemovesTheCounters() async throws {
        let (worker, done) = try startCountingWorker()
        _ = try await queue.add("one", json: "{}")
        try await waitUntil("the job completed") { done.value == 1 }
        await worker.close()
        let before = try await redis("EXISTS", keys.key("metrics:counters")).int
        XCTAssertEqual(before, 1)
        try await queue.obliterate(force: true)
        let after = try await redis("EXISTS", keys.key("metrics:counters")).int
        XCTAssertEqual(after, 0)
    }
}
