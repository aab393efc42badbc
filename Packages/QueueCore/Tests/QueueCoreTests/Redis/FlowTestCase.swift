import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// Base of the flow tests: the test's queue plus a second one of the same prefix, a flow producer, and
/// workers that return `"v-<job name>"` and fail (for good) jobs named `bad`.
class FlowTestCase: QueueTestCase {
    var otherName = ""
    var other: Queue!
    var producer: FlowProducer!
    private var workers: [Worker] = []
    /// Completed job ids, in completion order, over every worker of the test.
    let completed = IDLog()

    override func setUp() async throws {
        try await super.setUp()
        otherName = TestServices.uniqueName("q")
        other = try Queue(name: otherName, client: client)
        producer = try FlowProducer(client: client)
    }

    override func tearDown() async throws {
        for worker in workers { await worker.close() }
        try? await other?.obliterate(force: true)
        try await super.tearDown()
    }

    /// Starts a worker on each queue of the test, returning `"v-<job name>"` and failing jobs named `bad`.
    func startWorkers() throws {
        for name in [queueName, otherName] {
            try startWorker(on: name) { job in
                if job.name == "bad" { throw UnrecoverableError("bad job \(job.id)") }
                return "v-\(job.name)"
            }
        }
    }

    /// Starts a worker on queue `name` that records completions in `completed`.
    func startWorker(on name: String, _ processor: @escaping @Sendable (Job) async throws -> String) throws {
        let worker = try Worker(
            queueName: name, client: client,
            configuration: fastConfiguration(onEvent: { [completed] event in
                if case .completed(let id, _) = event { completed.append(id) }
            }), processor: processor)
        worker.start()
        workers.append(worker)
    }

    /// Every key of the test's two queues, sorted.
    func queueKeys() async throws -> [String] {
        let mine = try await strings("KEYS", keys.base + "*")
        let others = try await strings("KEYS", other.keys.base + "*")
        return (mine + others).sorted()
    }

    /// The root `root` of a flow in the test's queue.
    func root(children: [FlowJob]) -> FlowJob {
        FlowJob(name: "root", queueName: queueName, options: JobOptions(jobId: "root"), children: children)
    }

    /// A leaf of the other queue.
    func leaf(_ name: String, id: String? = nil, policy: FlowJob.ParentPolicy = .keepWaiting) -> FlowJob {
        FlowJob(name: name, queueName: otherName, options: JobOptions(jobId: id), parentPolicy: policy)
    }
}

/// Job ids recorded by worker callbacks, in order.
final class IDLog: Sendable {
    private let ids = Mutex<[String]>([])

    var values: [String] { ids.withLock { $0 } }

    func append(_ id: String) { ids.withLock { $0.append(id) } }
}
