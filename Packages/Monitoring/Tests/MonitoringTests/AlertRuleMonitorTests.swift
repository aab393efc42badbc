import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

@testable import Monitoring

/// The alert rules through the real monitor path against a real `redis-server`: `for`, the resolve threshold, and a
/// Redis outage while an alert fires (unknown, never resolved; the true state resumes when Redis is back).
final class AlertRuleMonitorTests: MonitorTestCase {
    func testAWaitingJobsAlertWithForFiresOnlyAfterItHeldAndResolvesAtTheResolveThreshold() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await queue.run([queue.meta, ["LPUSH", queue.key("wait"), "1", "2", "3", "4"]])
        let sink = RecordingAlertSink()
        let monitor = monitor(queues: ["email"], sink: sink) {
            $0.thresholds.maxWaitingJobs = 2
            $0.rules[.maxWaitingJobs] = AlertRuleSettings(resolve: 1, forDuration: .milliseconds(300))
        }
        let before = MonitoringJSON.nowMilliseconds()
        let first = await monitor.collect()
        XCTAssertTrue(first.alerts.isEmpty, "pending: not fired before the for held")
        try await waitUntil("the waiting-jobs alert fires", timeout: .seconds(20), interval: .milliseconds(50)) {
            await monitor.collect().alerts.contains { $0.alert == .maxWaitingJobs }
        }
        let fired = try XCTUnwrap(sink.transitions.first)
        XCTAssertEqual(fired.kind, .fired)
        XCTAssertGreaterThanOrEqual(fired.timeMs - before, 300, "fired only after the condition held for 300 ms")

        try await queue.run([["RPOP", queue.key("wait")], ["RPOP", queue.key("wait")]])
        let inBand = await monitor.collect()
        XCTAssertEqual(inBand.alerts.map(\.value), [2], "2 waiting: not above the threshold, not at the resolve")
        XCTAssertEqual(inBand.alerts.map(\.state), [.firing])
        try await queue.run([["RPOP", queue.key("wait")]])
        let resolved = await monitor.collect()
        XCTAssertTrue(resolved.alerts.isEmpty)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .resolved])
        XCTAssertEqual(sink.transitions.last?.alert.value, 1)
    }

    func testRedisKilledWhileAnAlertFiresMakesItUnknownNotResolvedAndRedisBackResumesItsTrueState() async throws {
        let server = try ThrowawayRedis()
        defer { server.stop() }
        let client = try RedisTests.client(url: server.url, timeout: .milliseconds(500))
        defer { Task { await client.close() } }
        let queue = BullMQKeys(redis: client, prefix: prefix, queue: "email")
        let backlog = [queue.meta, ["LPUSH", queue.key("wait"), "1", "2", "3"]]
        try await queue.run(backlog)
        let sink = RecordingAlertSink()
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: server.url, prefix: prefix, queues: ["email"]) {
                $0.thresholds.maxWaitingJobs = 2
            },
            client: client, sink: sink, logger: RedisTests.quietLogger(), collectionTimeout: .seconds(3))
        let started = await monitor.collect()
        let firing = try XCTUnwrap(started.alerts.first { $0.alert == .maxWaitingJobs })
        XCTAssertEqual(firing.state, .firing)

        server.send(signal: SIGKILL)
        let down = await monitor.collect()
        XCTAssertNotNil(down.lastError)
        let unknown = try XCTUnwrap(down.alerts.first { $0.alert == .maxWaitingJobs }, "kept, not resolved")
        XCTAssertEqual(unknown.state, .unknown)
        XCTAssertEqual(unknown.sinceMs, firing.sinceMs)
        XCTAssertGreaterThanOrEqual(unknown.stateChangedAtMs, firing.sinceMs)
        XCTAssertEqual(QueueHealthReport(down).status, .unhealthy)
        let stillDown = await monitor.collect()
        XCTAssertEqual(stillDown.alerts.map(\.state), [.unknown], "a second failure changes nothing")
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired], "nothing resolved while Redis was down")

        try server.restart()
        try await waitUntil("Redis is back with the backlog", timeout: .seconds(20), interval: .milliseconds(100)) {
            (try? await queue.run(backlog)) != nil
        }
        try await waitUntil("the monitor recovers", timeout: .seconds(20), interval: .milliseconds(100)) {
            await monitor.collect().lastError == nil
        }
        let resumed = await monitor.snapshot
        XCTAssertEqual(resumed.alerts.map(\.state), [.firing], "still above the threshold: firing again, as before")
        XCTAssertEqual(resumed.alerts.first?.sinceMs, firing.sinceMs, "the same alert, not a new one")
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired])
        try await queue.run([["DEL", queue.key("wait")]])
        let drained = await monitor.collect()
        XCTAssertTrue(drained.alerts.isEmpty)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .resolved])
    }
}
