import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

/// What a flow parent does when a child fails for good (each BullMQ policy), and removing parents and children.
final class FlowPolicyTests: FlowTestCase {
    /// A root in the test's queue with a good child, then a `bad` child (processed in that order) with `policy`.
    private func addRoot(_ policy: FlowJob.ParentPolicy) async throws {
        try await producer.add(
            root(children: [leaf("good", id: "good"), leaf("bad", id: "bad", policy: policy)]))
    }

    private var badKey: String { other.keys.job("bad") }
    private var goodKey: String { other.keys.job("good") }

    func testByDefaultTheParentKeepsWaitingForAChildThatFailed() async throws {
        try await addRoot(.keepWaiting)
        try startWorkers()
        try await waitUntil("both children finished") {
            let bad = try await self.other.state(of: "bad")
            let good = try await self.other.state(of: "good")
            return bad == .failed && good == .completed
        }
        let state = try await queue.state(of: "root")
        XCTAssertEqual(state, .waitingChildren)
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertEqual(dependencies.unprocessed, [badKey])
        XCTAssertEqual(dependencies.processed, [goodKey: "\"v-good\""])
        XCTAssertEqual(dependencies.failed, [])
    }

    func testFailParentOnFailureFailsEveryAncestorNamingTheChild() async throws {
        try await producer.add(
            root(children: [
                FlowJob(
                    name: "middle", queueName: queueName, options: JobOptions(jobId: "middle"),
                    parentPolicy: .failParent, children: [leaf("bad", id: "bad", policy: .failParent)])
            ]))
        try startWorkers()
        try await waitUntil("the root failed") { try await self.queue.state(of: "root") == .failed }
        let middle = try await queue.job("middle")
        XCTAssertEqual(middle?.failedReason, "child \(badKey) failed")
        let root = try await queue.job("root")
        XCTAssertEqual(root?.failedReason, "child \(keys.job("middle")) failed")
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertEqual(dependencies.failed, [keys.job("middle")])
        XCTAssertEqual(completed.values, [], "a job completed")
    }

    func testContinueParentOnFailureRunsTheParentAndRecordsTheFailure() async throws {
        try await addRoot(.continueParent)
        try startWorkers()
        try await waitUntil("the root completed") { try await self.queue.state(of: "root") == .completed }
        let dependencies = try await queue.dependencies(of: "root")
        XCTAssertEqual(dependencies.ignored, [badKey: "bad job bad"])
        XCTAssertEqual(dependencies.processed, [goodKey: "\"v-good\""])
    }

    func testIgnoreDependencyOnFailureCountsTheChildAsDone() async throws {
        try await addRoot(.ignoreDependency)
        try startWorkers()
        try await waitUntil("the root completed") { try await self.queue.state(of: "root") == .completed }
        let counts = try await queue.dependencyCounts(of: "root")
        XCTAssertEqual(counts, JobDependencies.Counts(processed: 1, unprocessed: 0, failed: 0, ignored: 1))
    }

    func testRemoveDependencyOnFailureDropsTheChildWithoutARecord() async throws {
        try await addRoot(.removeDependency)
        try startWorkers()
        try await waitUntil("the root completed") { try await self.queue.state(of: "root") == .completed }
        let counts = try await queue.dependencyCounts(of: "root")
        XCTAssertEqual(counts, JobDependencies.Counts(processed: 1, unprocessed: 0, failed: 0, ignored: 0))
        let bad = try await other.job("bad")
        XCTAssertEqual(bad?.options.other["rdof"], .bool(true), "the policy is in the child's options as BullMQ's")
    }

    func testRemovingTheLastUnprocessedChildMovesTheParentOn() async throws {
        try await addRoot(.keepWaiting)
        let removed = try await other.remove("bad")
        XCTAssertTrue(removed)
        let unprocessed = try await queue.dependencies(of: "root").unprocessed
        XCTAssertEqual(unprocessed, [goodKey])
        let stillWaiting = try await queue.state(of: "root")
        XCTAssertEqual(stillWaiting, .waitingChildren)
        try await other.remove("good")
        let state = try await queue.state(of: "root")
        XCTAssertEqual(state, .waiting)
        let events = try await eventNames()
        XCTAssertEqual(events.last, "waiting")
    }

    func testRemovingAParentRemovesItsChildrenInEveryQueue() async throws {
        try await producer.add(
            root(children: [
                leaf("good", id: "good"),
                FlowJob(
                    name: "middle", queueName: queueName, options: JobOptions(jobId: "middle"),
                    children: [leaf("deep", id: "deep")]),
            ]))
        try startWorkers()
        try await waitUntil("the middle completed") { try await self.queue.state(of: "middle") == .completed }
        let removed = try await queue.remove("root")
        XCTAssertTrue(removed)
        for (queue, id) in [(queue!, "root"), (queue!, "middle"), (other!, "good"), (other!, "deep")] {
            let job = try await queue.job(id)
            XCTAssertNil(job, "\(id) is still stored")
        }
        let left = try await queueKeys().filter { $0.hasSuffix(":root") || $0.contains(":root:") }
        XCTAssertEqual(left, [])
    }

    func testRemovingAParentWithoutChildrenKeepsThem() async throws {
        try await addRoot(.keepWaiting)
        try await queue.remove("root", removeChildren: false)
        let good = try await other.job("good")
        XCTAssertNotNil(good)
    }

    func testAParentReleasedBeforeAllItsChildrenFinishedFailsNamingThem() async throws {
        try await producer.add(
            root(children: [
                FlowJob(name: "later", queueName: otherName, options: JobOptions(jobId: "later", delay: 60_000)),
                leaf("bad", id: "bad", policy: .continueParent),
            ]))
        try startWorkers()
        try await waitUntil("the root failed") { try await self.queue.state(of: "root") == .failed }
        let root = try await queue.job("root")
        XCTAssertTrue(
            root?.failedReason?.contains("children that have not finished") ?? false, "\(root?.failedReason ?? "nil")")
    }

    func testRemovingUnprocessedChildrenKeepsProcessedOnesAndMovesTheParentOn() async throws {
        try await producer.add(
            root(children: [
                leaf("good", id: "good"),
                FlowJob(name: "later", queueName: otherName, options: JobOptions(jobId: "later", delay: 60_000)),
            ]))
        try startWorker(on: otherName) { job in "v-\(job.name)" }
        try await waitUntil("the good child completed") { try await self.other.state(of: "good") == .completed }
        let removed = try await queue.removeUnprocessedChildren(of: "root")
        XCTAssertTrue(removed)
        let later = try await other.job("later")
        XCTAssertNil(later)
        let good = try await other.job("good")
        XCTAssertNotNil(good)
        let state = try await queue.state(of: "root")
        XCTAssertEqual(state, .waiting)
        let values = try await queue.childrenValues(of: "root")
        XCTAssertEqual(values, [goodKey: "\"v-good\""])
    }

    func testDrainingTheLastChildrenRemovesAParentOfTheQueueAndReleasesOneOfAnother() async throws {
        // "root" (other queue) waits for "middle" (this queue), which waits for "leaf" (this queue).
        try await producer.add(
            FlowJob(
                name: "root", queueName: otherName, options: JobOptions(jobId: "root"),
                children: [
                    FlowJob(
                        name: "middle", queueName: queueName, options: JobOptions(jobId: "middle"),
                        children: [FlowJob(name: "leaf", queueName: queueName, options: JobOptions(jobId: "leaf"))])
                ]))
        try await queue.drain()
        let leaf = try await queue.job("leaf")
        let middle = try await queue.job("middle")
        XCTAssertNil(leaf)
        XCTAssertNil(middle, "a parent of the drained queue left without children is removed, as BullMQ's drain")
        let root = try await other.state(of: "root")
        XCTAssertEqual(root, .waiting, "a parent in another queue moves on")
    }
}
