import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

/// Flows: a tree of jobs over two queues added by one script, whole or not at all, processed by our workers.
final class FlowTests: FlowTestCase {
    func testAThreeLevelTreeOverTwoQueuesCompletesTheRootLastWithEveryChildValue() async throws {
        let flow = root(children: [
            leaf("left", id: "left"),
            FlowJob(
                name: "middle", queueName: queueName, options: JobOptions(jobId: "middle"),
                children: [leaf("deep-1", id: "deep-1"), leaf("deep-2")]),
        ])
        let added = try await producer.add(flow)
        XCTAssertEqual(added.id, "root")
        XCTAssertEqual(added.children.map(\.id).first, "left")
        let generated = try XCTUnwrap(added.children.last?.children.last?.id)
        XCTAssertEqual(generated.count, 32, "a flow job without jobId gets a UUID's 32 hex digits")
        let rootState = try await queue.state(of: "root")
        let middleState = try await queue.state(of: "middle")
        XCTAssertEqual(rootState, .waitingChildren)
        XCTAssertEqual(middleState, .waitingChildren)
        let leftJob = try await other.job("left")
        XCTAssertEqual(leftJob?.parent, JobParent(id: "root", queueKey: "bull:\(queueName)"))
        XCTAssertEqual(leftJob?.fields["parentKey"], keys.job("root"))

        try startWorkers()
        try await waitUntil("the root completed") { try await self.queue.state(of: "root") == .completed }
        let order = completed.values
        XCTAssertEqual(order.last, "root", "completion order \(order)")
        XCTAssertEqual(Set(order), ["root", "middle", "left", "deep-1", generated])
        let rootValues = try await queue.childrenValues(of: "root")
        XCTAssertEqual(
            rootValues, [other.keys.job("left"): "\"v-left\"", keys.job("middle"): "\"v-middle\""])
        let middleValues = try await queue.childrenValues(of: "middle")
        XCTAssertEqual(
            middleValues, [other.keys.job("deep-1"): "\"v-deep-1\"", other.keys.job(generated): "\"v-deep-2\""])
        let counts = try await queue.dependencyCounts(of: "root")
        XCTAssertEqual(counts, JobDependencies.Counts(processed: 2, unprocessed: 0, failed: 0, ignored: 0))
    }

    func testAChildIDThatExistsInRedisRefusesTheFlowAndWritesNothing() async throws {
        _ = try await other.add("taken", json: "{}", options: JobOptions(jobId: "taken"))
        let before = try await queueKeys()
        let beforeTaken = try await other.job("taken")
        let flow = FlowJob(
            name: "root", queueName: queueName,
            children: [
                leaf("a"), FlowJob(name: "mid", queueName: queueName, children: [leaf("b"), leaf("c", id: "taken")]),
            ])
        do {
            try await producer.add(flow)
            XCTFail("a flow over an existing job id was added")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, .jobExists)
            XCTAssertTrue(error.message.contains("'taken' in queue \(otherName)"), error.message)
        }
        let after = try await queueKeys()
        XCTAssertEqual(after, before, "the refused flow wrote keys")
        let afterTaken = try await other.job("taken")
        XCTAssertEqual(afterTaken, beforeTaken)
        let counter = try await redis("GET", other.keys.key("id")).string
        XCTAssertEqual(counter, "1", "the refused flow counted ids")
    }

    func testBadFlowsAreRefusedNamingTheProblem() async throws {
        func refusal(_ flow: FlowJob, producer: FlowProducer? = nil) async -> String {
            do {
                try await (producer ?? self.producer).add(flow)
                return "added"
            } catch {
                return (error as? QueueError)?.message ?? "\(error)"
            }
        }
        let empty = await refusal(
            FlowJob(name: "root", queueName: queueName, children: [FlowJob(name: "x", queueName: "")]))
        XCTAssertTrue(empty.contains("empty queue name"), empty)
        let repeated = await refusal(
            FlowJob(name: "root", queueName: queueName, children: [leaf("a", id: "same"), leaf("b", id: "same")]))
        XCTAssertTrue(repeated.contains("repeats job 'same' in queue \(otherName)"), repeated)
        let small = try FlowProducer(client: client, configuration: FlowProducer.Configuration(maxJobs: 2))
        let big = await refusal(
            FlowJob(name: "root", queueName: queueName, children: [leaf("a"), leaf("b")]), producer: small)
        XCTAssertTrue(big.contains("3 jobs, over the bound of 2"), big)
        let badPriority = await refusal(
            FlowJob(
                name: "root", queueName: queueName,
                children: [
                    FlowJob(name: "p", queueName: otherName, options: JobOptions(jobId: "p", priority: -1))
                ]))
        XCTAssertTrue(badPriority.contains("flow job 'p' in queue \(otherName): priority"), badPriority)
        let dedup = await refusal(
            FlowJob(name: "root", queueName: queueName, options: JobOptions(deduplication: Deduplication(id: "d"))))
        XCTAssertTrue(dedup.contains("deduplication is not supported"), dedup)
        let json = await refusal(FlowJob(name: "root", queueName: queueName, json: "{nope"))
        XCTAssertTrue(json.contains("flow job 'root' in queue \(queueName)"), json)
        // A chain deeper than the bound is refused before any walk down it (a 5,000-level chain is within
        // maxJobs, and would take a stack frame per level).
        var chain = FlowJob(name: "level-5000", queueName: queueName)
        for level in stride(from: 4999, through: 1, by: -1) {
            chain = FlowJob(name: "level-\(level)", queueName: queueName, children: [chain])
        }
        let deep = await refusal(chain)
        XCTAssertTrue(deep.contains("has more than 100 levels"), deep)
        let written = try await queueKeys()
        XCTAssertEqual(written, [], "a refused flow wrote keys")
    }

    func testAParentWithADelayOrPriorityMovesThereWhenItsChildrenAreDone() async throws {
        try await producer.add(
            FlowJob(
                name: "late", queueName: queueName, options: JobOptions(jobId: "late", delay: 60_000),
                children: [leaf("a")]))
        try await producer.add(
            FlowJob(
                name: "urgent", queueName: queueName, options: JobOptions(jobId: "urgent", priority: 3),
                children: [leaf("b")]))
        try await queue.pause()
        try startWorkers()
        try await waitUntil("both parents left waiting-children") {
            let late = try await self.queue.state(of: "late")
            let urgent = try await self.queue.state(of: "urgent")
            return late == .delayed && urgent == .prioritized
        }
    }

    func testAProcessorAddsChildrenAndWaitsForThemWithMoveToWaitingChildren() async throws {
        _ = try await queue.add("parent", json: "{}", options: JobOptions(jobId: "parent"))
        let (queue, producer, otherName) = (queue!, producer!, otherName)
        try startWorker(on: queueName) { job in
            let values = try await JobContext.childrenValues()
            if values.isEmpty {
                let kid = FlowJob(name: "kid", queueName: otherName, options: JobOptions(jobId: "kid"))
                try await producer.add(kid, parent: try JobContext.asParent())
                try await JobContext.moveToWaitingChildren()
                return "the processor went on"
            }
            return "after \(values.count) child"
        }
        // The child's worker starts once the parent waits, so the child cannot finish first.
        try await waitUntil("the parent waits for its child") {
            try await queue.state(of: "parent") == .waitingChildren
        }
        try startWorker(on: otherName) { job in "v-\(job.name)" }
        try await waitUntil("the parent completed") { try await queue.state(of: "parent") == .completed }
        let job = try await queue.job("parent")
        XCTAssertEqual(job?.returnValue, "\"after 1 child\"")
        XCTAssertEqual(job?.attemptsMade, 1, "waiting for children counted an attempt")
        XCTAssertEqual(job?.attemptsStarted, 2)
        let names = try await eventNames()
        XCTAssertTrue(names.contains("waiting-children"), "\(names)")
    }

    func testAFlowUnderAParentThatDoesNotExistWritesNothing() async throws {
        do {
            try await producer.add(
                FlowJob(name: "kid", queueName: otherName), parent: JobParent(id: "nope", queueKey: "bull:\(queueName)")
            )
            XCTFail("a flow under a missing parent was added")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, .jobNotFound)
            XCTAssertTrue(error.message.contains("bull:\(queueName):nope does not exist"), error.message)
        }
        let written = try await queueKeys()
        XCTAssertEqual(written, [])
    }

    func testDependenciesArePagedWithCursors() async throws {
        let children = (0..<25).map { leaf("kid-\($0)", id: "kid-\($0)") }
        try await producer.add(root(children: children))
        var seen: Set<String> = []
        var cursor = 0
        var pages = 0
        repeat {
            let page = try await queue.dependencies(of: "root", .unprocessed, cursor: cursor, count: 10)
            seen.formUnion(page.entries.map(\.key))
            cursor = page.nextCursor
            pages += 1
        } while cursor != 0 && pages < 100
        XCTAssertEqual(seen, Set((0..<25).map { other.keys.job("kid-\($0)") }))
        let failed = try await queue.dependencies(of: "root", .failed, cursor: 0, count: 10)
        XCTAssertEqual(failed.entries, [])
        XCTAssertEqual(failed.nextCursor, 0)
        try startWorkers()
        try await waitUntil("the root completed") { try await self.queue.state(of: "root") == .completed }
        let processed = try await queue.dependencies(of: "root", .processed, count: 100)
        XCTAssertEqual(processed.entries.count, 25)
        XCTAssertEqual(processed.entries.first?.value?.hasPrefix("\"v-kid-"), true)
    }

    func testAddBulkAddsEveryFlowOrNone() async throws {
        let flows = [root(children: [leaf("a", id: "a")]), FlowJob(name: "second", queueName: otherName)]
        let added = try await producer.addBulk(flows)
        XCTAssertEqual(added.map(\.id).first, "root")
        let second = try await other.state(of: added[1].id)
        XCTAssertEqual(second, .waiting)
        let before = try await queueKeys()
        do {
            try await producer.addBulk([
                FlowJob(name: "fresh", queueName: queueName, children: [leaf("b")]),
                FlowJob(name: "again", queueName: otherName, options: JobOptions(jobId: "a")),
            ])
            XCTFail("a bulk over an existing job id was added")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, .jobExists)
        }
        let after = try await queueKeys()
        XCTAssertEqual(after, before, "the refused bulk wrote keys")
    }
}
