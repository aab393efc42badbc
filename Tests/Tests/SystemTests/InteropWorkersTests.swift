import Foundation
import QueueCore
import QueueCoreTestSupport
import XCTest

/// Python bullmq's `get_workers()` sees our workers while they run, by the client names BullMQ uses.
final class InteropWorkersTests: InteropTestCase {
    func testPythonGetWorkersListsASwiftWorkerWhileItRunsAndNotAfter() async throws {
        let worker = try swiftWorker(name: "swift-1") { _ in 1 }
        worker.start()
        let expected = ["bull:\(queueName):w:swift-1"]
        var listed: [String] = []
        let seen = try await eventually(timeout: .seconds(30), interval: .milliseconds(100)) {
            listed = try await PythonBullMQ.run(queue: self.queueName, "workers") as? [String] ?? []
            return listed == expected
        }
        XCTAssertTrue(seen, "Python's get_workers() while the Swift worker runs: \(listed), expected \(expected)")
        await worker.close()
        let after = try await PythonBullMQ.run(queue: queueName, "workers") as? [String]
        XCTAssertEqual(after, [], "Python's get_workers() after the Swift worker closed")
    }
}
