import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// What our engine does not implement is refused loudly on a queue shared with Python bullmq: a flow's child
/// is failed with a reason naming flows, never run as a plain job.
final class InteropRefusedFeaturesTests: XCTestCase {
    func testAChildOfAPythonFlowIsRefusedWithItsReasonAndTheParentKeepsWaiting() async throws {
        try PythonBullMQ.ensureVenv()
        let client = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
        let queueName = TestServices.uniqueName("interop-flow")
        let queue = try Queue(name: queueName, client: client)
        let tree = try await PythonBullMQ.run(queue: queueName, "flow", ["parent": "report", "children": ["part"]])
        let ids = try XCTUnwrap(tree as? [String: Any])
        let parent = try XCTUnwrap(ids["parent"] as? String)
        let child = try XCTUnwrap((ids["children"] as? [String])?.first)
        let configuration = Worker.Configuration(lockDuration: .seconds(5), drainDelay: .milliseconds(300))
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ -> Int in
            XCTFail("the processor ran a flow job")
            return 1
        }
        worker.start()
        let deadline = ContinuousClock.now + .seconds(20)
        while try await queue.state(of: child) != .failed, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        await worker.close()
        let failed = try await queue.job(child)
        let childState = try await queue.state(of: child)
        XCTAssertEqual(childState, .failed)
        let reason = failed?.failedReason ?? "nil"
        XCTAssertTrue(reason.contains("flows (parent and child jobs)"), reason)
        let parentState = try await queue.state(of: parent)
        XCTAssertEqual(parentState, .waitingChildren, "the parent is left to BullMQ")
        try? await queue.obliterate(force: true)
        await client.close()
    }
}
