import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import XCTest

/// Our monitor counts a real Python bullmq worker beside one of ours: `bin/maxctl queue stats` reads the
/// same `CLIENT LIST` census as monitoring-api.
final class InteropMonitorWorkersTests: InteropTestCase {
    func testMonitorCountsARunningPythonWorkerAsAnotherClientsAndOursOnce() async throws {
        _ = try await queue.add("seed", json: "{}", options: JobOptions(delay: 3_600_000))
        let worker = try swiftWorker(name: "swift-1") { _ in 1 }
        worker.start()
        let python = try PythonBullMQ.start(queue: queueName, "work", ["count": 1000, "timeout": 120])
        var workers: [String: Any] = [:]
        var output = ""
        let seen = try await eventually(timeout: .seconds(30), interval: .milliseconds(200)) {
            let arguments = [
                "queue", "stats", self.queueName, "--json", "--redis", try TestServices.redisURL(), "--prefix", "bull",
            ]
            let result = try CommandRunner.run(
                SystemProcess.binary("maxctl"), arguments, removing: ["REDIS_URL", "QUEUE_PREFIX"],
                timeout: .seconds(30))
            output = result.stdout + result.stderr
            let sample = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            workers = sample?["workers"] as? [String: Any] ?? [:]
            return workers["ours"] as? Int == 1 && workers["others"] as? Int == 1
        }
        await worker.close()
        withExtendedLifetime(python) {}
        XCTAssertTrue(seen, "maxctl queue stats never counted one of ours and the Python worker: \(output)")
        let list = workers["workers"] as? [[String: Any]] ?? []
        XCTAssertEqual(list.map { $0["client"] as? String }, ["ours", "python"], output)
        XCTAssertEqual(list.first?["name"] as? String, "swift-1", output)
        XCTAssertEqual(workers["count"] as? Int, 2, output)
    }
}
