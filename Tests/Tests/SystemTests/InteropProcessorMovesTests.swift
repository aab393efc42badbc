import Foundation
import QueueCore
import QueueCoreTestSupport
import Synchronization
import XCTest

/// The processor's moves made by our worker, checked from Python bullmq: the state and the attempts it sees.
final class InteropProcessorMovesTests: InteropTestCase {
    /// Python's view of job `id`: its state and attemptsMade.
    private func pythonView(_ id: String) async throws -> (state: String?, attempts: Int?) {
        let report = try await PythonBullMQ.run(queue: queueName, "inspect", [id]) as? [String: Any]
        let job = report?[id] as? [String: Any]
        return (job?["state"] as? String, job?["attemptsMade"] as? Int)
    }

    func testMovesAreSeenByPythonWithTheAttemptsBullMQWouldCount() async throws {
        let runs = Mutex<[String: Int]>([:])
        let worker = try swiftWorker { job -> String in
            let run = runs.withLock { runs -> Int in
                runs[job.name, default: 0] += 1
                return runs[job.name]!
            }
            switch (job.name, run) {
            case ("later", 1):
                try await JobContext.moveToDelayed(until: Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000)
            case ("limited", 1):
                try await JobContext.rateLimit(for: .milliseconds(300))
            case ("doomed", _):
                try JobContext.discard()
                throw QueueError(.invalidOption, "do not retry")
            default:
                return "done"
            }
        }
        let later = try await queue.add("later", json: "{}", options: JobOptions(attempts: 3))
        let limited = try await queue.add("limited", json: "{}", options: JobOptions(attempts: 3))
        let doomed = try await queue.add("doomed", json: "{}", options: JobOptions(attempts: 5))
        worker.start()
        try await waitUntil("the limited job ran again and completed", timeout: .seconds(20)) {
            try await self.queue.state(of: limited) == .completed
        }
        try await waitUntil("the doomed job failed") { try await self.queue.state(of: doomed) == .failed }
        try await waitUntil("the later job is delayed") { try await self.queue.state(of: later) == .delayed }

        let delayed = try await pythonView(later)
        XCTAssertEqual(delayed.state, "delayed")
        XCTAssertEqual(delayed.attempts, 0, "moveToDelayed counts no attempt")
        let limitedView = try await pythonView(limited)
        XCTAssertEqual(limitedView.state, "completed")
        XCTAssertEqual(limitedView.attempts, 1, "the rate-limited run counted no attempt")
        let doomedView = try await pythonView(doomed)
        XCTAssertEqual(doomedView.state, "failed")
        XCTAssertEqual(doomedView.attempts, 1, "discard made the first failure final")

        try await queue.promote(later)
        try await waitUntil("the promoted job completed") { try await self.queue.state(of: later) == .completed }
        await worker.close()
        let completed = try await pythonView(later)
        XCTAssertEqual(completed.state, "completed")
        XCTAssertEqual(completed.attempts, 1)
    }
}
