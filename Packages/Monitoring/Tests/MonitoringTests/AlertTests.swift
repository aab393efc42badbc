import AIModelCache
import Foundation
import Synchronization
import XCTest

@testable import Monitoring

final class AlertTests: XCTestCase {
    private let evaluator = ThresholdEvaluator(configuration: MonitoringConfiguration())

    private func crossed(_ sample: QueueSample, _ rule: AlertRule) -> Bool {
        evaluator.conditions(for: sample).first { $0.key.rule == rule }!.crossed
    }

    func testWaitingThresholdComparesWaitingPlusPrioritizedStrictlyAbove() {
        XCTAssertFalse(crossed(Fixtures.sample(counts: JobCounts(waiting: 600, prioritized: 400)), .maxWaitingJobs))
        XCTAssertTrue(crossed(Fixtures.sample(counts: JobCounts(waiting: 600, prioritized: 401)), .maxWaitingJobs))
        // Delayed and active jobs are not ready: they never count.
        XCTAssertFalse(
            crossed(Fixtures.sample(counts: JobCounts(waiting: 1, active: 5000, delayed: 5000)), .maxWaitingJobs))
    }

    func testStalledThresholdIsStrictlyAbove() {
        XCTAssertFalse(crossed(Fixtures.sample(stalled: 10), .maxStalledJobs))
        XCTAssertTrue(crossed(Fixtures.sample(stalled: 11), .maxStalledJobs))
    }

    func testFailedRateIsJudgedOnlyOnceEnoughJobsFinished() {
        XCTAssertFalse(crossed(Fixtures.sample(completed: 10, failed: 9), .maxFailedRate), "19 finished: not judged")
        XCTAssertTrue(crossed(Fixtures.sample(completed: 10, failed: 10), .maxFailedRate))
        XCTAssertFalse(crossed(Fixtures.sample(completed: 18, failed: 2), .maxFailedRate), "exactly 10% is not above")
        XCTAssertTrue(crossed(Fixtures.sample(completed: 17, failed: 3), .maxFailedRate))
        XCTAssertFalse(crossed(Fixtures.sample(completed: nil, failed: nil), .maxFailedRate), "unavailable: not judged")
        let condition = evaluator.conditions(for: Fixtures.sample(completed: 15, failed: 5)).first {
            $0.key.rule == .maxFailedRate
        }!
        XCTAssertEqual(condition.value, 0.25)
        XCTAssertEqual(condition.threshold, 0.1)
        XCTAssertEqual(condition.key.subject, "email")
    }

    func testRedisLatencyComparesTheMedianInMilliseconds() {
        var redis = Fixtures.redis
        redis.latencyMs = 100
        XCTAssertFalse(evaluator.condition(for: redis).crossed)
        redis.latencyMs = 100.5
        let condition = evaluator.condition(for: redis)
        XCTAssertTrue(condition.crossed)
        XCTAssertEqual(condition.key, AlertKey(rule: .maxRedisLatency, subject: "redis"))
        XCTAssertEqual(condition.threshold, 100)
    }

    func testCacheRulesFollowTheSpecAndDesignSeverities() {
        let memory = ProcessMemory(heapUsedMB: 10, residentMB: 2049)
        var cache = CacheTelemetry.fixture(current: 91, max: 100, hits: 5, misses: 15, loads: 20, memory: memory)
        let conditions = evaluator.conditions(for: cache)
        XCTAssertEqual(conditions.map(\.crossed), [true, true])
        XCTAssertEqual(conditions.map(\.severity), [.info, .warning])
        cache = CacheTelemetry.fixture(current: 90, max: 100, hits: 5, misses: 15, loads: 19, memory: memory)
        XCTAssertEqual(evaluator.conditions(for: cache).map(\.crossed), [false, false])
        let memoryCondition = evaluator.condition(for: memory)
        XCTAssertTrue(memoryCondition.crossed)
        XCTAssertEqual(memoryCondition.severity, .critical)
        XCTAssertFalse(evaluator.condition(for: ProcessMemory(heapUsedMB: 1, residentMB: 2048)).crossed)
    }

    func testSeverityOverridesApply() {
        var configuration = MonitoringConfiguration()
        configuration.severities[.maxStalledJobs] = .critical
        let conditions = ThresholdEvaluator(configuration: configuration).conditions(for: Fixtures.sample(stalled: 50))
        XCTAssertEqual(conditions.first { $0.key.rule == .maxStalledJobs }?.severity, .critical)
        XCTAssertEqual(conditions.first { $0.key.rule == .maxWaitingJobs }?.severity, .warning)
    }

    func testTrackerFiresOnceResolvesOnceAndKeepsStateWhenKeysAreAbsent() {
        var tracker = AlertTracker()
        let key = AlertKey(rule: .maxStalledJobs, subject: "email")
        func condition(_ value: Double) -> AlertCondition {
            AlertCondition(key: key, value: value, threshold: 10, severity: .warning, crossed: value > 10, message: "m")
        }
        XCTAssertEqual(tracker.update([condition(3)], now: 1).count, 0)
        let fired = tracker.update([condition(12)], now: 2)
        XCTAssertEqual(fired.map(\.kind), [.fired])
        XCTAssertEqual(fired.first?.alert.sinceMs, 2)
        XCTAssertEqual(tracker.update([condition(15)], now: 3).count, 0, "still firing: no new transition")
        XCTAssertEqual(tracker.active.first?.value, 15)
        XCTAssertEqual(tracker.active.first?.sinceMs, 2)
        XCTAssertEqual(tracker.update([], now: 4).count, 0, "absent: unchanged")
        XCTAssertEqual(tracker.active.count, 1)
        let resolved = tracker.update([condition(4)], now: 5)
        XCTAssertEqual(resolved.map(\.kind), [.resolved])
        XCTAssertEqual(resolved.first?.alert.value, 4)
        XCTAssertTrue(tracker.active.isEmpty)
        XCTAssertEqual(tracker.update([condition(4)], now: 6).count, 0)
    }

    func testTrackerKeepsOneStateMachinePerKeyAndForgetsASubject() {
        var tracker = AlertTracker()
        let conditions = ["a", "b"].flatMap { queue in
            [AlertRule.maxWaitingJobs, .maxStalledJobs].map {
                AlertCondition(
                    key: AlertKey(rule: $0, subject: queue), value: 1, threshold: 0,
                    severity: $0 == .maxStalledJobs ? .critical : .warning, crossed: true, message: "")
            }
        }
        XCTAssertEqual(tracker.update(conditions, now: 1).count, 4)
        XCTAssertEqual(tracker.active.first?.severity, .critical, "most severe first")
        XCTAssertEqual(tracker.forget(subject: "a", now: 2).map(\.alert.subject), ["a", "a"])
        XCTAssertEqual(Set(tracker.active.map(\.subject)), ["b"])
        XCTAssertEqual(tracker.active(for: "b").count, 2)
    }

    func testLogSinkWritesOneJsonLinePerTransitionWithTheRequiredFields() throws {
        let lines = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .info) { line in lines.withLock { $0.append(line) } }
        let sink = LogAlertSink(logger: logger)
        let alert = Alert(
            alert: .maxWaitingJobs, subject: "email \"x\"", severity: .warning, value: 1500, threshold: 1000,
            message: "line\nbreak", sinceMs: 1_763_603_817_776)
        sink.record(AlertTransition(kind: .fired, alert: alert, timeMs: 1_763_603_817_776))
        sink.record(AlertTransition(kind: .resolved, alert: alert, timeMs: 1_763_603_818_000))
        logger.flush()
        let written = lines.withLock { $0 }
        XCTAssertEqual(written.count, 2)
        XCTAssertTrue(written.allSatisfy { $0.hasSuffix("}\n") && $0.dropLast().contains("\n") == false })
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["time"] as? String, "2025-11-20T01:56:57.776Z")
        XCTAssertEqual(first["level"] as? String, "warning")
        XCTAssertEqual(first["event"] as? String, "alert.fired")
        XCTAssertEqual(first["alert"] as? String, "maxWaitingJobs")
        XCTAssertEqual(first["queue"] as? String, "email \"x\"")
        XCTAssertEqual(first["value"] as? Int, 1500)
        XCTAssertEqual(first["threshold"] as? Int, 1000)
        XCTAssertEqual(first["severity"] as? String, "warning")
        XCTAssertEqual(first["since"] as? String, "2025-11-20T01:56:57.776Z")
        let second = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        XCTAssertEqual(second["event"] as? String, "alert.resolved")
    }

    func testLoggerDropsLinesBelowItsLevelAndCriticalFiresAtError() throws {
        let lines = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .warning) { line in lines.withLock { $0.append(line) } }
        let sink = LogAlertSink(logger: logger)
        let info = Alert(
            alert: .cacheUtilization, subject: "social", severity: .info, value: 95, threshold: 90, message: "",
            sinceMs: 0)
        let critical = Alert(
            alert: .cacheMemory, subject: "process", severity: .critical, value: 3000, threshold: 2048, message: "",
            sinceMs: 0)
        sink.record(AlertTransition(kind: .fired, alert: info, timeMs: 0))
        sink.record(AlertTransition(kind: .fired, alert: critical, timeMs: 0))
        logger.flush()
        let written = lines.withLock { $0 }
        XCTAssertEqual(written.count, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        XCTAssertEqual(object["level"] as? String, "error")
        XCTAssertEqual(object["subject"] as? String, "process")
    }

    func testRecordingSinkKeepsTransitionsInOrder() {
        let sink = RecordingAlertSink()
        let alert = Alert(
            alert: .maxRedisLatency, subject: "redis", severity: .warning, value: 1, threshold: 0, message: "",
            sinceMs: 0)
        sink.record(AlertTransition(kind: .fired, alert: alert, timeMs: 1))
        sink.record(AlertTransition(kind: .resolved, alert: alert, timeMs: 2))
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .resolved])
    }
}

extension CacheTelemetry {
    /// A snapshot with the figures the alert rules read (built through JSON: the type has no public init).
    static func fixture(
        name: String = "social", current: Int, max: Int, hits: UInt64, misses: UInt64, loads: UInt64,
        memory: ProcessMemory = ProcessMemory(heapUsedMB: 1, residentMB: 10)
    ) -> CacheTelemetry {
        let lookups = hits + misses
        let object: [String: Any] = [
            "modelType": name, "currentSize": current, "maxSize": max,
            "utilizationPercent": Double(current) * 100 / Double(max), "hits": hits, "misses": misses,
            "hitRatePercent": lookups == 0 ? 0 : Double(hits) * 100 / Double(lookups), "totalLoads": loads,
            "loadsSucceeded": loads, "loadsFailed": 0, "loadsInFlight": 0, "totalEvictions": 3,
            "evictions": ["lru": 1, "timeout": 1, "manual": 1], "oversizeRejected": 0, "averageLoadTimeMs": 12.5,
            "p95LoadTimeMs": 40, "estimatedModelBytes": 1_048_576, "estimatedModelMB": 1,
            "memory": [
                "heapUsedMB": memory.heapUsedMB, "residentMB": memory.residentMB,
                "totalEstimatedMB": memory.totalEstimatedMB,
            ],
        ]
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try! JSONDecoder().decode(CacheTelemetry.self, from: data)
    }
}
