import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import XCTest

@testable import Monitoring

/// Workers per queue from `CLIENT LIST` against a real Redis: our worker counted once, other clients'
/// connections by their names, unknown (not zero) for a user without `CLIENT`, the `noWorkers` alert in real
/// time, and the legacy `paused` list reported.
final class WorkerMonitoringTests: MonitorTestCase {
    /// A connection named as another client's worker names it: what BullMQ's tools count as a worker.
    private func namedConnection(_ name: String) async throws -> RedisConnection {
        let connection = redis.makeDedicatedConnection(name: name)
        _ = try await connection.send("PING")
        return connection
    }

    func testOurWorkerCountsOnceBesideANodeNamedWorkerOfAnotherClient() async throws {
        let keys = BullMQKeys(redis: redis, prefix: prefix, queue: "jobs")
        try await keys.run([keys.meta])
        let worker = try Worker(
            queueName: "jobs", client: redis,
            configuration: Worker.Configuration(prefix: prefix, drainDelay: .milliseconds(200), name: "swift-1")
        ) { _ in 1 }
        worker.start()
        let node = try await namedConnection("\(prefix):\(Data("jobs".utf8).base64EncodedString()):w:node-1")
        let monitor = monitor(queues: ["jobs"])
        var workers = QueueWorkers(workers: [])
        try await waitUntil("the monitor sees our worker and the Node-named one") {
            workers = await monitor.collect().latest["jobs"]?.workers ?? workers
            return workers.ours == 1 && workers.others == 1
        }
        XCTAssertEqual(workers.count, 2)
        XCTAssertEqual(workers.workers.map(\.client), [.node, .ours])
        XCTAssertEqual(workers.workers.map(\.name), ["node-1", "swift-1"])
        let metrics = PrometheusRenderer.render(monitor: await monitor.snapshot, aiModels: nil, health: nil)
        XCTAssertTrue(metrics.contains("maxbooster_queue_workers{queue=\"jobs\"} 2"), metrics)
        await node.close()
        await worker.close()
    }

    func testWorkersAreUnknownNotZeroForAUserWhoMayNotListClients() async throws {
        let keys = BullMQKeys(redis: redis, prefix: prefix, queue: "jobs")
        try await keys.run([keys.meta, ["LPUSH", keys.key("wait"), "1"]])
        let user = "nolist-\(prefix)"
        _ = try await redis.send("ACL", "SETUSER", user, "on", ">secret", "~*", "&*", "+@all", "-client")
        var limited = try XCTUnwrap(URLComponents(string: url))
        limited.user = user
        limited.password = "secret"
        let limitedClient = try RedisTests.client(url: try XCTUnwrap(limited.string))
        let monitor = monitor(queues: ["jobs"], client: limitedClient) {
            $0.thresholds.noWorkerAlert = .milliseconds(1)
        }
        _ = await monitor.collect()
        let snapshot = await monitor.collect()
        await limitedClient.close()
        _ = try await redis.send("ACL", "DELUSER", user)
        XCTAssertNil(snapshot.lastError)
        let sample = try XCTUnwrap(snapshot.latest["jobs"])
        XCTAssertNil(sample.workers.count)
        XCTAssertTrue(sample.workers.reason?.contains("NOPERM") == true, "\(sample.workers)")
        XCTAssertNil(sample.isWaitingWithoutWorkers)
        XCTAssertFalse(snapshot.alerts.contains { $0.alert == .noWorkers }, "unknown is not zero workers")
        XCTAssertTrue(sample.notes.contains { $0.contains("workers of queue jobs unknown") }, "\(sample.notes)")
        let health = QueueHealthReport(snapshot)
        XCTAssertNil(health.queues.first?.workers)
        let metrics = PrometheusRenderer.render(monitor: snapshot, aiModels: nil, health: nil)
        XCTAssertFalse(metrics.contains("maxbooster_queue_workers{"), "absent when unknown")
    }

    func testNoWorkersAlertFiresAfterTheDelayAndResolvesWhenAWorkerConnects() async throws {
        let keys = BullMQKeys(redis: redis, prefix: prefix, queue: "jobs")
        try await keys.run([keys.meta, ["LPUSH", keys.key("wait"), "1", "2"]])
        let sink = RecordingAlertSink()
        let monitor = monitor(queues: ["jobs"], sink: sink) { $0.thresholds.noWorkerAlert = .milliseconds(300) }
        let first = await monitor.collect()
        XCTAssertEqual(first.latest["jobs"]?.isWaitingWithoutWorkers, true)
        XCTAssertTrue(first.latest["jobs"]?.notes.contains { $0.contains("2 jobs waiting and no worker") } == true)
        XCTAssertFalse(first.alerts.contains { $0.alert == .noWorkers }, "fired before any time passed")
        try await waitUntil("the noWorkers alert fires", timeout: .seconds(20), interval: .milliseconds(50)) {
            await monitor.collect().alerts.contains { $0.alert == .noWorkers }
        }
        let firing = await monitor.snapshot
        let fired = try XCTUnwrap(firing.alerts.first { $0.alert == .noWorkers })
        XCTAssertEqual(fired.value, 2, "the ready jobs without a worker")
        XCTAssertEqual(fired.state, .firing)
        XCTAssertEqual(fired.subject, "jobs")
        XCTAssertEqual(QueueHealthReport(firing).status, .degraded)

        let python = try await namedConnection("\(prefix):jobs")
        let resolved = await monitor.collect()
        await python.close()
        XCTAssertEqual(resolved.latest["jobs"]?.workers.workers.map(\.client), [.python])
        XCTAssertFalse(resolved.alerts.contains { $0.alert == .noWorkers })
        XCTAssertEqual(
            sink.transitions.filter { $0.alert.alert == .noWorkers }.map(\.kind), [.fired, .resolved])
    }

    func testNoWorkersAlertResolvesWhenNothingWaits() async throws {
        let keys = BullMQKeys(redis: redis, prefix: prefix, queue: "jobs")
        try await keys.run([keys.meta, ["LPUSH", keys.key("wait"), "1"]])
        let monitor = monitor(queues: ["jobs"]) { $0.thresholds.noWorkerAlert = .milliseconds(100) }
        try await waitUntil("the noWorkers alert fires", timeout: .seconds(20), interval: .milliseconds(50)) {
            await monitor.collect().alerts.contains { $0.alert == .noWorkers }
        }
        try await keys.run([["DEL", keys.key("wait")]])
        let cleared = await monitor.collect()
        XCTAssertFalse(cleared.alerts.contains { $0.alert == .noWorkers })
        XCTAssertEqual(cleared.latest["jobs"]?.isWaitingWithoutWorkers, false)
    }

    func testALegacyPausedListIsReportedByQueueAndInHealth() async throws {
        let keys = BullMQKeys(redis: redis, prefix: prefix, queue: "old")
        try await keys.run([
            keys.meta, ["HSET", keys.key("meta"), "paused", "1"], ["LPUSH", keys.key("paused"), "7", "8"],
        ])
        let snapshot = await monitor(queues: ["old"]).collect()
        let sample = try XCTUnwrap(snapshot.latest["old"])
        XCTAssertEqual(sample.legacyPausedJobs, 2)
        XCTAssertEqual(sample.counts.waiting, 2)
        let note =
            "queue old holds a legacy `paused` list (2 jobs; a Node BullMQ 5.x or older pause): our resume "
            + "and a 6.x resume move it to wait"
        XCTAssertEqual(sample.notes, [note])
        let health = try XCTUnwrap(QueueHealthReport(snapshot).queues.first)
        XCTAssertEqual(health.notes, [note])
        XCTAssertEqual(health.legacyPausedJobs, 2)
        let json = try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(QueueMetricsReport(snapshot)))
                as? [String: Any])
        let latest = try XCTUnwrap(((json["queues"] as? [[String: Any]])?.first)?["latest"] as? [String: Any])
        XCTAssertEqual(latest["legacyPausedJobs"] as? Int, 2)
        XCTAssertEqual(latest["notes"] as? [String], [note])
        XCTAssertEqual((latest["workers"] as? [String: Any])?["count"] as? Int, 0)
    }
}
