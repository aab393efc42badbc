import Foundation
import QueueCore
import QueueCoreTestSupport
import XCTest

/// Deduplication across the Swift engine and the real Python bullmq 3.4.4: a claim made by either is
/// honoured by the other, and released by either's worker when the job finishes.
final class InteropDeduplicationTests: InteropTestCase {
    private func pythonAdd(_ data: [String: Any], _ deduplication: [String: Any], delay: Int = 0) async throws -> String
    {
        var opts: [String: Any] = ["deduplication": deduplication]
        if delay > 0 { opts["delay"] = delay }
        let ids = try await PythonBullMQ.run(queue: queueName, "add", [["name": "py", "data": data, "opts": opts]])
        return try XCTUnwrap((ids as? [String])?.first, "Python's add returned no id")
    }

    private func runSwiftWorkerUntilCompleted(_ count: Int) async throws {
        let worker = try swiftWorker { _ in 1 }
        worker.start()
        try await waitUntil("the Swift worker completed \(count) job(s)", timeout: .seconds(20)) {
            try await self.queue.counts()[.completed] ?? 0 >= count
        }
        await worker.close()
        let completed = try await queue.counts()[.completed] ?? 0
        XCTAssertEqual(completed, count, "jobs the Swift worker completed")
    }

    func testAClaimMadeByPythonHoldsForSwiftAndOurWorkerReleasesIt() async throws {
        let first = try await pythonAdd(["v": 1], ["id": "py-1"])
        let dropped = try await queue.add(
            "sw", json: "{}", options: JobOptions(deduplication: Deduplication(id: "py-1")))
        XCTAssertEqual(dropped, first, "Swift's add during Python's claim returns Python's job")
        try await runSwiftWorkerUntilCompleted(1)
        let owner = try await queue.deduplicationJobId("py-1")
        XCTAssertNil(owner, "our worker released the claim when the job completed")
        let again = try await pythonAdd(["v": 2], ["id": "py-1"])
        XCTAssertNotEqual(again, first, "Python's add after completion creates a job")
    }

    func testAClaimMadeBySwiftHoldsForPythonAndPythonsWorkerReleasesIt() async throws {
        let first = try await queue.add("sw", json: "{}", options: JobOptions(deduplication: Deduplication(id: "sw-1")))
        let dropped = try await pythonAdd(["v": 1], ["id": "sw-1"])
        XCTAssertEqual(dropped, first, "Python's add during our claim returns our job")
        _ = try await PythonBullMQ.run(queue: queueName, "work", ["count": 1, "timeout": 20])
        let state = try await queue.state(of: first)
        XCTAssertEqual(state, .completed)
        let owner = try await queue.deduplicationJobId("sw-1")
        XCTAssertNil(owner, "Python's worker released our claim")
        let again = try await queue.add("sw", json: "{}", options: JobOptions(deduplication: Deduplication(id: "sw-1")))
        XCTAssertNotEqual(again, first)
    }

    func testAThrottleClaimOutlivesTheJobForBothClients() async throws {
        let first = try await pythonAdd([:], ["id": "t", "ttl": 60_000])
        try await runSwiftWorkerUntilCompleted(1)
        let swiftAdd = try await queue.add(
            "sw", json: "{}", options: JobOptions(deduplication: Deduplication(id: "t", ttl: 60_000)))
        XCTAssertEqual(swiftAdd, first, "the ttl claim outlives the completed job")
        let pythonAgain = try await pythonAdd([:], ["id": "t", "ttl": 60_000])
        XCTAssertEqual(pythonAgain, first)
    }

    func testDebounceReplacesTheOtherClientsDelayedJobBothWays() async throws {
        let debounce = Deduplication(id: "b", ttl: 60_000, extend: true, replace: true)
        let pythonDebounce: [String: Any] = ["id": "b", "ttl": 60_000, "extend": true, "replace": true]
        let ours = try await queue.add(
            "sw", data: ["v": 1], options: JobOptions(delay: 60_000, deduplication: debounce))
        let theirs = try await pythonAdd(["v": 2], pythonDebounce, delay: 60_000)
        XCTAssertNotEqual(theirs, ours)
        var delayed = try await queue.jobs(in: .delayed)
        XCTAssertEqual(delayed.map(\.id), [theirs], "Python's add replaced our delayed job")
        XCTAssertEqual(try delayed.first?.decodeData([String: Int].self), ["v": 2])
        let oursAgain = try await queue.add(
            "sw", data: ["v": 3], options: JobOptions(delay: 60_000, deduplication: debounce))
        delayed = try await queue.jobs(in: .delayed)
        XCTAssertEqual(delayed.map(\.id), [oursAgain], "our add replaced Python's delayed job")
        XCTAssertEqual(try delayed.first?.decodeData([String: Int].self), ["v": 3])
        let owner = try await queue.deduplicationJobId("b")
        XCTAssertEqual(owner, oursAgain)
    }
}
