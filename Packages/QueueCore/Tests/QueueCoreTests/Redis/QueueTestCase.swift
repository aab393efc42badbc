import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// Base of the tests against a real redis-server: a client, a fresh queue name per test, bounded waits.
class QueueTestCase: XCTestCase {
    var client: RedisClient!
    var queueName = ""
    var queue: Queue!
    var keys: QueueKeys { queue.keys }

    override func setUp() async throws {
        client = RedisClient(
            configuration: try RedisConfiguration(url: try await offPool { try TestServices.redisURL() }, poolSize: 8))
        queueName = TestServices.uniqueName("q")
        queue = try Queue(name: queueName, client: client)
    }

    override func tearDown() async throws {
        try? await queue?.obliterate(force: true)
        await client?.close()
    }

    /// Runs one command and returns its reply.
    @discardableResult
    func redis(_ arguments: String...) async throws -> RedisValue { try await client.send(arguments) }

    func strings(_ arguments: String...) async throws -> [String] {
        (try await client.send(arguments).array ?? []).compactMap(\.string)
    }

    /// The event names in the queue's stream, oldest first.
    func eventNames() async throws -> [String] {
        let entries = try await client.send(["XRANGE", keys.key("events"), "-", "+"]).array ?? []
        return entries.compactMap { entry in
            guard let fields = entry.array?.last?.array, fields.count >= 2 else { return nil }
            return fields[1].string
        }
    }

    /// Starts a worker returning 1 for every job, with a counter of its completions.
    func startCountingWorker() throws -> (Worker, Counter) {
        let done = Counter()
        let worker = try Worker(
            queueName: queueName, client: client,
            configuration: fastConfiguration(onEvent: { event in
                if case .completed = event { done.increment() }
            })
        ) { _ in 1 }
        worker.start()
        return (worker, done)
    }

    /// A worker configuration with short timings for tests.
    func fastConfiguration(concurrency: Int = 1, onEvent: (@Sendable (WorkerEvent) -> Void)? = nil)
        -> Worker.Configuration
    {
        Worker.Configuration(
            concurrency: concurrency, lockDuration: .seconds(5), stalledInterval: .seconds(5),
            drainDelay: .milliseconds(300), onEvent: onEvent)
    }
}

/// A thread-safe counter for worker callbacks.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    func increment() { count.withLock { $0 += 1 } }
}
