import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// Python bullmq's `get_workers()` sees our workers while they run, by the client names BullMQ uses.
final class InteropWorkersTests: XCTestCase {
    func testPythonGetWorkersListsASwiftWorkerWhileItRunsAndNotAfter() async throws {
        try PythonBullMQ.ensureVenv()
        let client = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
        let queueName = TestServices.uniqueName("interop-workers")
        var configuration = Worker.Configuration(lockDuration: .seconds(5), drainDelay: .milliseconds(300))
        configuration.name = "swift-1"
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in 1 }
        worker.start()
        let expected = ["bull:\(queueName):w:swift-1"]
        var listed: [String] = []
        for _ in 0..<20 where listed != expected {
            listed = try await PythonBullMQ.run(queue: queueName, "workers") as? [String] ?? []
            if listed != expected { try await Task.sleep(for: .milliseconds(100)) }
        }
        XCTAssertEqual(listed, expected, "Python's get_workers() while the Swift worker runs")
        await worker.close()
        let after = try await PythonBullMQ.run(queue: queueName, "workers") as? [String]
        XCTAssertEqual(after, [], "Python's get_workers() after the Swift worker closed")
        await client.close()
    }
}
