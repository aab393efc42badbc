import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// Flows shared with Python bullmq 3.4.4: a three-level tree over two queues added by either client and
/// processed by the other's workers, with the children's values read by both; a failure policy across them.
final class InteropFlowTests: InteropTestCase {
    private var otherName = ""
    private var other: Queue!
    private var workers: [Worker] = []

    override func setUp() async throws {
        try await super.setUp()
        otherName = TestServices.uniqueName("interop")
        other = try Queue(name: otherName, client: client)
    }

    override func tearDown() async throws {
        for worker in workers { await worker.close() }
        try? await other?.obliterate(force: true)
        try await super.tearDown()
    }

    /// Starts our workers on both queues: they return `"v-<name>"` and fail jobs named `bad` for good, and
    /// record completed ids in order.
    private func startSwiftWorkers(completed: CompletionLog) throws {
        for name in [queueName, otherName] {
            let configuration = Worker.Configuration(
                lockDuration: .seconds(5), stalledInterval: .seconds(5), drainDelay: .milliseconds(300),
                onEvent: { event in if case .completed(let id, _) = event { completed.append(id) } })
            let worker = try Worker(queueName: name, client: client, configuration: configuration) { job in
                if job.name == "bad" { throw UnrecoverableError("bad job \(job.id)") }
                return "v-\(job.name)"
            }
            worker.start()
            workers.append(worker)
        }
    }

    private func pythonChildrenValues(queue: String, of id: String) async throws -> [String: String] {
        let valuesReply = try await PythonBullMQ.run(queue: queue, "children-values", id)
        let values = try XCTUnwrap(valuesReply as? [String: Any])
        return values.mapValues { "\($0)" }
    }

    func testAPythonFlowOverTwoQueuesIsProcessedByOurWorkersAndPythonReadsEveryChildValue() async throws {
        let tree =
            [
                "name": "root", "opts": ["jobId": "root"],
                "children": [
                    ["name": "left", "queue": otherName],
                    [
                        "name": "middle",
                        "children": [["name": "deep-1", "queue": otherName], ["name": "deep-2", "queue": otherName]],
                    ],
                ],
            ] as [String: Any]
        let addedReply = try await PythonBullMQ.run(queue: queueName, "flow", tree)
        let added = try XCTUnwrap(addedReply as? [String: Any])
        let children = try XCTUnwrap(added["children"] as? [[String: Any]])
        let left = try XCTUnwrap(children[0]["id"] as? String)
        let middle = try XCTUnwrap(children[1]["id"] as? String)
        let deep = try XCTUnwrap((children[1]["children"] as? [[String: Any]])?.compactMap { $0["id"] as? String })
        let completed = CompletionLog()
        try startSwiftWorkers(completed: completed)
        try await waitUntil("the root completed", timeout: .seconds(20)) {
            try await self.queue.state(of: "root") == .completed
        }
        XCTAssertEqual(completed.values.last, "root", "completion order \(completed.values)")
        XCTAssertEqual(completed.values.count, 5)
        let rootValues = try await pythonChildrenValues(queue: queueName, of: "root")
        XCTAssertEqual(rootValues, [other.keys.job(left): "v-left", queue.keys.job(middle): "v-middle"])
        let middleValues = try await pythonChildrenValues(queue: queueName, of: middle)
        XCTAssertEqual(middleValues, [other.keys.job(deep[0]): "v-deep-1", other.keys.job(deep[1]): "v-deep-2"])
    }

    func testOurFlowOverTwoQueuesIsProcessedByPythonWorkersAndBothReadTheValues() async throws {
        let producer = try FlowProducer(client: client)
        let added = try await producer.add(
            FlowJob(
                name: "root", queueName: queueName, options: JobOptions(jobId: "root"),
                children: [
                    FlowJob(name: "left", queueName: otherName),
                    FlowJob(
                        name: "middle", queueName: queueName,
                        children: [
                            FlowJob(name: "deep-1", queueName: otherName),
                            FlowJob(name: "deep-2", queueName: otherName),
                        ]),
                ]))
        let onOther = try PythonBullMQ.start(queue: otherName, "work", ["count": 3, "timeout": 40])
        let onMine = try PythonBullMQ.start(queue: queueName, "work", ["count": 2, "timeout": 40])
        let mineReply = try await onMine.result(timeout: .seconds(60))
        let mine = try XCTUnwrap(mineReply as? [String: Any])
        _ = try await onOther.result(timeout: .seconds(60))
        XCTAssertEqual(mine["completed"] as? [String], [added.children[1].id, "root"], "the root completed last")
        let values = try await queue.childrenValues(of: "root")
        XCTAssertEqual(values.count, 2)
        let left = try XCTUnwrap(values[other.keys.job(added.children[0].id)])
        XCTAssertTrue(left.contains("\"by\":\"python\"") && left.contains("\"name\":\"left\""), left)
        let pythonValues = try await pythonChildrenValues(queue: queueName, of: "root")
        XCTAssertEqual(Set(pythonValues.keys), Set(values.keys))
    }

    func testAPythonChildWithFailParentOnFailureFailsTheRootUnderOurWorkers() async throws {
        let bad: [String: Any] = [
            "name": "bad", "queue": otherName, "opts": ["jobId": "bad", "failParentOnFailure": true],
        ]
        let middle: [String: Any] = [
            "name": "middle", "opts": ["jobId": "middle", "failParentOnFailure": true], "children": [bad],
        ]
        let tree: [String: Any] = ["name": "root", "opts": ["jobId": "root"], "children": [middle]]
        _ = try await PythonBullMQ.run(queue: queueName, "flow", tree)
        try startSwiftWorkers(completed: CompletionLog())
        try await waitUntil("the root failed", timeout: .seconds(20)) {
            try await self.queue.state(of: "root") == .failed
        }
        let reportReply = try await PythonBullMQ.run(queue: queueName, "inspect", ["root"])
        let report = try XCTUnwrap(reportReply as? [String: Any])
        let root = try XCTUnwrap(report["root"] as? [String: Any])
        XCTAssertEqual(root["state"] as? String, "failed")
        XCTAssertEqual(root["failedReason"] as? String, "child \(queue.keys.job("middle")) failed")
    }

    func testOurContinueParentPolicyIsAppliedByPythonWorkers() async throws {
        let producer = try FlowProducer(client: client)
        try await producer.add(
            FlowJob(
                name: "root", queueName: queueName, options: JobOptions(jobId: "root"),
                children: [
                    FlowJob(name: "good", queueName: otherName, options: JobOptions(jobId: "good")),
                    FlowJob(
                        name: "bad", queueName: otherName, json: #"{"unrecoverable":true}"#,
                        options: JobOptions(jobId: "bad"), parentPolicy: .continueParent),
                ]))
        _ = try await PythonBullMQ.run(queue: otherName, "work", ["count": 2, "timeout": 30])
        let rootReply = try await PythonBullMQ.run(queue: queueName, "work", ["count": 1, "timeout": 30])
        let root = try XCTUnwrap(rootReply as? [String: Any])
        XCTAssertEqual(root["completed"] as? [String], ["root"])
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertEqual(dependencies.ignored, [other.keys.job("bad"): "python says no"])
        XCTAssertEqual(Array(dependencies.processed.keys), [other.keys.job("good")])
    }

    func testAPythonChildWithIgnoreDependencyLetsTheRootCompleteUnderOurWorkers() async throws {
        let bad: [String: Any] = [
            "name": "bad", "queue": otherName, "opts": ["jobId": "bad", "ignoreDependencyOnFailure": true],
        ]
        let tree: [String: Any] = ["name": "root", "opts": ["jobId": "root"], "children": [bad]]
        _ = try await PythonBullMQ.run(queue: queueName, "flow", tree)
        try startSwiftWorkers(completed: CompletionLog())
        try await waitUntil("the root completed", timeout: .seconds(20)) {
            try await self.queue.state(of: "root") == .completed
        }
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertEqual(Array(dependencies.ignored.keys), [other.keys.job("bad")], "recorded in :failed")
        let reportReply = try await PythonBullMQ.run(queue: queueName, "inspect", ["root"])
        let root = try XCTUnwrap((reportReply as? [String: Any])?["root"] as? [String: Any])
        XCTAssertEqual(root["state"] as? String, "completed")
    }

    func testOurRemoveDependencyPolicyIsAppliedByPythonWorkers() async throws {
        let producer = try FlowProducer(client: client)
        try await producer.add(
            FlowJob(
                name: "root", queueName: queueName, options: JobOptions(jobId: "root"),
                children: [
                    FlowJob(
                        name: "bad", queueName: otherName, json: #"{"unrecoverable":true}"#,
                        options: JobOptions(jobId: "bad"), parentPolicy: .removeDependency)
                ]))
        _ = try await PythonBullMQ.run(queue: otherName, "work", ["count": 1, "timeout": 30])
        let rootReply = try await PythonBullMQ.run(queue: queueName, "work", ["count": 1, "timeout": 30])
        XCTAssertEqual((rootReply as? [String: Any])?["completed"] as? [String], ["root"])
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertTrue(dependencies.ignored.isEmpty && dependencies.processed.isEmpty, "removed, not recorded")
    }
}

/// Job ids recorded by worker callbacks, in order.
final class CompletionLog: Sendable {
    private let ids = Mutex<[String]>([])

    var values: [String] { ids.withLock { $0 } }

    func append(_ id: String) { ids.withLock { $0.append(id) } }
}
