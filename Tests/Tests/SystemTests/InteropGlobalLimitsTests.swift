import Foundation
import QueueCore
import XCTest

/// Global concurrency and rate limit are the same `meta` fields for Python bullmq and us: what either sets,
/// the other reads.
final class InteropGlobalLimitsTests: InteropTestCase {
    func testLimitsSetByEitherClientAreReadByTheOther() async throws {
        try await queue.setGlobalConcurrency(4)
        try await queue.setGlobalRateLimit(Worker.RateLimit(max: 7, duration: .seconds(3)))
        let reply = try await PythonBullMQ.run(queue: queueName, "global-limits")
        let read = try XCTUnwrap(reply as? [String: Any])
        XCTAssertEqual(read["concurrency"] as? Int, 4)
        let rateLimit = read["rateLimit"] as? [String: Int]
        XCTAssertEqual(rateLimit?["max"], 7)
        XCTAssertEqual(rateLimit?["duration"], 3000)

        _ = try await PythonBullMQ.run(
            queue: queueName, "set-global-limits", ["concurrency": 2, "max": 5, "duration": 1500])
        let concurrency = try await queue.globalConcurrency()
        XCTAssertEqual(concurrency, 2)
        let limit = try await queue.globalRateLimit()
        XCTAssertEqual(limit, Worker.RateLimit(max: 5, duration: .milliseconds(1500)))
    }
}
