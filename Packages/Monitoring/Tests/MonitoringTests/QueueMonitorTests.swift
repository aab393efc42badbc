import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

@testable import Monitoring

final class QueueMonitorTests: MonitorTestCase {
    func testCollectionCountsEveryStateStalledJobsAndTheOldestWaitingJob() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        let now = RedisTests.nowMs
        try await queue.run([
            queue.meta, ["HSET", queue.key("meta"), "paused", "1"],
            queue.job("w1", timestamp: now - 9_000), queue.job("w2", timestamp: now - 1_000),
            ["LPUSH", queue.key("wait"), "w1"], ["LPUSH", queue.key("wait"), "w2"],
            ["LPUSH", queue.key("paused"), "legacy"],
            queue.job("p1", timestamp: now - 500), ["ZADD", queue.key("prioritized"), "4294967296", "p1"],
            ["LPUSH", queue.key("active"), "a1", "a2", "a3"], ["SET", queue.key("a1:lock"), "token", "PX", "30000"],
            ["ZADD", queue.key("delayed"), "4096", "d1"], ["ZADD", queue.key("completed"), "1", "c1", "2", "c2"],
            ["ZADD", queue.key("failed"), "1", "f1"], ["ZADD", queue.key("waiting-children"), "1", "wc1"],
        ])
        let snapshot = await monitor(queues: ["email"]).collect()
        XCTAssertNil(snapshot.lastError)
        let sample = try XCTUnwrap(snapshot.latest["email"])
        XCTAssertEqual(
            sample.counts,
            JobCounts(waiting: 3, active: 3, completed: 2, failed: 1, delayed: 1, prioritized: 1, waitingChildren: 1))
        XCTAssertEqual(sample.stalled, 2, "a2 and a3 have no lock")
        XCTAssertTrue(sample.paused)
        let age = try XCTUnwrap(sample.oldestWaitingAgeMs)
        XCTAssertTrue((9_000..<60_000).contains(age), "oldest waiting age \(age) ms")
        XCTAssertGreaterThan(sample.redis.usedMemoryBytes, 0)
        XCTAssertGreaterThan(sample.redis.latencyMs, 0)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(sample.redis.connectedClients), 1, "the monitor's own connection")
        XCTAssertEqual(snapshot.queuesState, .collected(samples: [sample], redis: sample.redis, alerts: []))
    }

    func testDiscoveryFindsQueuesByTheirMetaKeyUnderThePrefixOnly() async throws {
        for name in ["posts", "email", "odd:name"] {
            let queue = BullMQKeys(redis: redis, prefix: prefix, queue: name)
            try await queue.run([queue.meta])
        }
        let other = BullMQKeys(redis: redis, prefix: prefix + "x", queue: "elsewhere")
        try await other.run([other.meta])
        let collector = QueueCollector(client: redis, prefix: prefix)
        let found = try await collector.discoverQueues()
        XCTAssertEqual(found, ["email", "odd:name", "posts"])
        let snapshot = await monitor(queues: nil).collect()
        XCTAssertEqual(snapshot.queues, ["email", "odd:name", "posts"])
    }

    func testWindowFiguresComeFromBullmqMetricsAndTheFailedRateAlertFiresAndResolves() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "posts")
        try await queue.run([
            queue.meta, ["HSET", queue.key("metrics:completed"), "count", "100"],
            ["HSET", queue.key("metrics:failed"), "count", "0"],
        ])
        let sink = RecordingAlertSink()
        let monitor = monitor(queues: ["posts"], sink: sink)
        let first = await monitor.collect()
        XCTAssertNotEqual(first.latest["posts"]?.window.completed.source, .bullmqMetrics, "no previous reading yet")

        try await queue.run([
            ["HINCRBY", queue.key("metrics:completed"), "count", "25"],
            ["HINCRBY", queue.key("metrics:failed"), "count", "5"],
            ["XADD", queue.key("events"), "*", "event", "delayed", "jobId", "9", "delay", "5"],
        ])
        let second = await monitor.collect()
        let sample = try XCTUnwrap(second.latest["posts"])
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 25, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 5, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.retries, WindowFigure(value: 1, source: .eventsStream, exact: true))
        XCTAssertEqual(sample.failedRate!, 5.0 / 30.0, accuracy: 1e-9)
        XCTAssertEqual(second.alerts.map(\.alert), [.maxFailedRate])
        XCTAssertEqual(
            HealthModel.systemHealth(queues: second.queuesState, aiModels: .unavailable(reason: "x"), nowMs: 0)
                .components.queues.status, .degraded)

        let third = await monitor.collect()
        XCTAssertEqual(third.latest["posts"]?.window.finished, 0)
        XCTAssertTrue(third.alerts.isEmpty)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .resolved])
        XCTAssertEqual(sink.transitions.first?.alert.subject, "posts")
        let history = await monitor.samples(of: "posts")
        XCTAssertEqual(history?.count, 3)
    }

    func testOurWorkerCountersGiveExactRetriesAndProcessingTime() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "posts")
        let counters = queue.key(QueueKeys.Suffix.workerCounters)
        try await queue.run([
            queue.meta, ["HSET", counters, "completed", "10", "failed", "0", "retries", "0", "processingMs", "1000"],
        ])
        let monitor = monitor(queues: ["posts"])
        await monitor.collect()
        try await queue.run([
            ["HINCRBY", counters, "completed", "8"], ["HINCRBY", counters, "failed", "2"],
            ["HINCRBY", counters, "retries", "3"],
            ["HINCRBY", counters, "processingMs", "500"],
        ])
        let snapshot = await monitor.collect()
        let sample = try XCTUnwrap(snapshot.latest["posts"])
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 8, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 2, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.window.retries, WindowFigure(value: 3, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.window.averageProcessingMs, WindowFigure(value: 50, source: .workerCounters, exact: true))
    }

    func testEventsStreamAndStoredJobsGiveTheWindowWithoutCounters() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        let now = RedisTests.nowMs
        try await queue.run([
            queue.meta,
            ["XADD", queue.key("events"), "*", "event", "completed", "jobId", "1", "returnvalue", "null"],
            ["XADD", queue.key("events"), "*", "event", "completed", "jobId", "2", "returnvalue", "null"],
            ["XADD", queue.key("events"), "*", "event", "delayed", "jobId", "3", "delay", "99"],
            ["XADD", queue.key("events"), "*", "event", "failed", "jobId", "4", "failedReason", "boom"],
            queue.job("1", timestamp: now - 100, processedOn: now - 50, finishedOn: now - 10),
            queue.job("2", timestamp: now - 100, processedOn: now - 40, finishedOn: now - 10),
            ["ZADD", queue.key("completed"), String(now - 10), "1", String(now - 10), "2"],
        ])
        let snapshot = await monitor(queues: ["email"]).collect()
        let sample = try XCTUnwrap(snapshot.latest["email"])
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 2, source: .eventsStream, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 1, source: .eventsStream, exact: true))
        XCTAssertEqual(sample.window.retries, WindowFigure(value: 1, source: .eventsStream, exact: true))
        XCTAssertEqual(sample.window.averageProcessingMs, WindowFigure(value: 35, source: .finishedJobs, exact: false))
    }

    func testWaitingThresholdFiresALoggedWarningAndClearsWhenJobsLeave() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await queue.run([queue.meta, ["LPUSH", queue.key("wait"), "1", "2", "3"]])
        let lines = LockedLines()
        let logger = StructuredLogger(minimumLevel: .info) { lines.append($0) }
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: url, prefix: prefix, queues: ["email"]) {
                $0.thresholds.maxWaitingJobs = 2
            },
            client: redis, sink: LogAlertSink(logger: logger), logger: logger)
        let crossed = await monitor.collect()
        XCTAssertEqual(crossed.alerts.map(\.alert), [.maxWaitingJobs])
        try await queue.run([["DEL", queue.key("wait")]])
        let cleared = await monitor.collect()
        XCTAssertTrue(cleared.alerts.isEmpty)
        logger.flush()
        let alerts = try lines.all.compactMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        .filter { ($0["event"] as? String)?.hasPrefix("alert.") == true }
        XCTAssertEqual(alerts.map { $0["event"] as? String }, ["alert.fired", "alert.resolved"])
        XCTAssertEqual(alerts.first?["queue"] as? String, "email")
        XCTAssertEqual(alerts.first?["value"] as? Int, 3)
        XCTAssertEqual(alerts.first?["threshold"] as? Int, 2)
        XCTAssertEqual(alerts.first?["level"] as? String, "warning")
    }

    func testHundredQueuesAreCollectedInOnePass() async throws {
        var commands: [[String]] = []
        for index in 0..<100 {
            let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "q\(index)")
            commands += [queue.meta, ["LPUSH", queue.key("wait"), "a", "b"], ["LPUSH", queue.key("active"), "x"]]
        }
        try await BullMQKeys(redis: redis, prefix: prefix, queue: "").run(commands)
        let snapshot = await monitor(queues: nil).collect()
        XCTAssertNil(snapshot.lastError)
        XCTAssertEqual(snapshot.queues.count, 100)
        XCTAssertTrue(snapshot.latest.values.allSatisfy { $0.counts.waiting == 2 && $0.stalled == 1 })
    }

    func testRedisDownMakesQueuesUnhealthyWithTheReasonAndRecoversWithoutRestart() async throws {
        let server = try ThrowawayRedis()
        defer { server.stop() }
        let client = try RedisTests.client(url: server.url, timeout: .milliseconds(500))
        defer { Task { await client.close() } }
        let queue = BullMQKeys(redis: client, prefix: prefix, queue: "email")
        try await queue.run([queue.meta])
        let sink = RecordingAlertSink()
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: server.url, prefix: prefix, queues: nil), client: client,
            sink: sink,
            logger: RedisTests.quietLogger(), collectionTimeout: .seconds(3))
        let healthy = await monitor.collect()
        XCTAssertNil(healthy.lastError)

        server.send(signal: SIGKILL)
        let down = await monitor.collect()
        let reason = try XCTUnwrap(down.lastError)
        XCTAssertTrue(reason.contains("127.0.0.1:\(server.port)"), reason)
        XCTAssertEqual(down.failures, 1)
        let health = HealthModel.systemHealth(
            queues: down.queuesState,
            aiModels: .measured(
                social: CacheUtilization(current: 0, max: 1), advertising: CacheUtilization(current: 0, max: 1),
                alerts: []),
            nowMs: 0)
        XCTAssertEqual(health.status, .unhealthy)
        XCTAssertEqual(health.httpStatus, 503)
        XCTAssertEqual(health.components.queues.reason, reason)
        XCTAssertEqual(health.components.queues.details.map(\.queue), ["email"], "last known samples are kept")

        try server.restart()
        await expectEventually("the monitor recovers by itself", timeout: .seconds(20)) {
            await monitor.collect().lastError == nil
        }
        let snapshot = await monitor.snapshot
        XCTAssertEqual(snapshot.queues, ["email"])
    }

    func testFrozenRedisEndsTheCollectionAtItsDeadlineWithTheReason() async throws {
        let server = try ThrowawayRedis()
        defer { server.stop() }
        let client = try RedisTests.client(url: server.url, timeout: .seconds(5))
        defer { Task { await client.close() } }
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: server.url, prefix: prefix, queues: ["email"]), client: client,
            sink: RecordingAlertSink(), logger: RedisTests.quietLogger(), collectionTimeout: .milliseconds(500))
        let before = await monitor.collect()
        XCTAssertNil(before.lastError)
        server.send(signal: SIGSTOP)
        defer { server.send(signal: SIGCONT) }
        let started = ContinuousClock.now
        let frozen = await monitor.collect()
        let elapsed = ContinuousClock.now - started
        XCTAssertLessThan(elapsed, .seconds(4), "bounded by collectionTimeout, not by the 5 s command timeout")
        let reason = try XCTUnwrap(frozen.lastError)
        XCTAssertTrue(reason.contains("did not finish within 500ms"), reason)
        XCTAssertTrue(reason.contains("127.0.0.1:\(server.port)"), reason)
        server.send(signal: SIGCONT)
        await expectEventually("collection works again after SIGCONT", timeout: .seconds(20)) {
            await monitor.collect().lastError == nil
        }
    }

    func testRediscoveryAddsNewQueuesAndDropsVanishedOnesResolvingTheirAlerts() async throws {
        let email = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await email.run([email.meta, ["LPUSH", email.key("wait"), "1", "2"]])
        let sink = RecordingAlertSink()
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: url, prefix: prefix, queues: nil) {
                $0.thresholds.maxWaitingJobs = 1
            }, client: redis, sink: sink, logger: RedisTests.quietLogger(), discoveryInterval: .zero)
        let first = await monitor.collect()
        XCTAssertEqual(first.queues, ["email"])
        XCTAssertEqual(first.alerts.map(\.alert), [.maxWaitingJobs])

        let posts = BullMQKeys(redis: redis, prefix: prefix, queue: "posts")
        try await posts.run([posts.meta, ["DEL", email.key("meta"), email.key("wait")]])
        let second = await monitor.collect()
        XCTAssertEqual(second.queues, ["posts"])
        XCTAssertNil(second.latest["email"])
        XCTAssertTrue(second.alerts.isEmpty)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .resolved])
        let gone = await monitor.samples(of: "email")
        XCTAssertNil(gone)
    }

    func testAQueueCreatedLaterIsDiscoveredOnceTheDiscoveryIntervalPassesWhileCollectingOften() async throws {
        let email = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await email.run([email.meta])
        let monitor = QueueMonitor(
            configuration: RedisTests.configuration(url: url, prefix: prefix, queues: nil), client: redis,
            sink: RecordingAlertSink(), logger: RedisTests.quietLogger(), discoveryInterval: .milliseconds(300))
        let first = await monitor.collect()
        XCTAssertEqual(first.queues, ["email"])
        let posts = BullMQKeys(redis: redis, prefix: prefix, queue: "posts")
        try await posts.run([posts.meta])
        // Collections more often than the discovery interval must not keep postponing the rescan.
        await expectEventually("the later queue to be discovered", timeout: .seconds(10)) {
            await monitor.collect().queues == ["email", "posts"]
        }
    }

    func testBackgroundLoopCollectsEveryIntervalAndStops() async throws {
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await queue.run([queue.meta])
        let monitor = monitor(queues: ["email"]) { $0.monitorInterval = .milliseconds(50) }
        await monitor.start()
        await expectEventually("three collections", timeout: .seconds(10)) { await monitor.snapshot.collections >= 3 }
        await monitor.stop()
        let stopped = await monitor.snapshot.collections
        try await Task.sleep(for: .milliseconds(200))
        let later = await monitor.snapshot.collections
        XCTAssertEqual(stopped, later, "no collection after stop()")
    }
}

/// Lines collected from a logger's output closure.
final class LockedLines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}
