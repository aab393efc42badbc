import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// Base of the tests that run the Swift engine and the real Python bullmq 3.4.4 on one queue: a client, a
/// fresh queue per test (obliterated afterwards, also when the test fails), the venv made ready, and a Swift
/// worker with short timings.
class InteropTestCase: XCTestCase {
    var client: RedisClient!
    var queueName = ""
    var queue: Queue!

    override func setUp() async throws {
        client = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
        queueName = TestServices.uniqueName("interop")
        queue = try Queue(name: queueName, client: client)
        try PythonBullMQ.ensureVenv()
    }

    override func tearDown() async throws {
        try? await queue?.obliterate(force: true)
        await client?.close()
    }

    /// A Swift worker on the test's queue (not started), with 5 s locks and stalled checks and a 300 ms drain
    /// delay.
    func swiftWorker<Result: Encodable & SendableMetatype>(
        concurrency: Int = 1, name: String? = nil, _ body: @escaping @Sendable (Job) async throws -> Result
    ) throws -> Worker {
        let configuration = Worker.Configuration(
            concurrency: concurrency, lockDuration: .seconds(5), stalledInterval: .seconds(5),
            drainDelay: .milliseconds(300), name: name)
        return try Worker(queueName: queueName, client: client, configuration: configuration, processor: body)
    }
}
