import Foundation
import QueueCore
import QueueCoreTestSupport
import XCTest

/// What our engine does not implement is refused loudly on a queue shared with Python bullmq: a flow's child
/// is failed with a reason naming flows, never run as a plain job.
final class InteropRefusedFeaturesTests: InteropTestCase {
    func testAChildOfAPythonFlowIsRefusedWithItsReasonAndTheParentKeepsWaiting() async throws {
        let tree = try await PythonBullMQ.run(queue: queueName, "flow", ["parent": "report", "children": ["part"]])
        let ids = try XCTUnwrap(tree as? [String: Any])
        let parent = try XCTUnwrap(ids["parent"] as? String)
        let child = try XCTUnwrap((ids["children"] as? [String])?.first)
        let worker = try swiftWorker { _ -> Int in
            XCTFail("the processor ran a flow job")
            return 1
        }
        worker.start()
        try await waitUntil("the child was failed", timeout: .seconds(20)) {
            try await self.queue.state(of: child) == .failed
        }
        await worker.close()
        let failed = try await queue.job(child)
        let reason = failed?.failedReason ?? "nil"
        XCTAssertTrue(reason.contains("flows (parent and child jobs)"), reason)
        let parentState = try await queue.state(of: parent)
        XCTAssertEqual(parentState, .waitingChildren, "the parent is left to BullMQ")
    }
}
