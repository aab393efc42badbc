import Foundation
import Synchronization
import XCTest

@testable import Monitoring

/// ``AlertTracker`` in memory with an injected clock (`now` in ms): hysteresis, `for`, cooldown, repeat, unknown.
final class AlertStateMachineTests: XCTestCase {
    private let key = AlertKey(rule: .maxWaitingJobs, subject: "q")

    /// An upper-bound condition: fires above 100, resolves at or below `resolve`.
    private func condition(_ value: Double, resolve: Double = 80, timing: AlertTiming = AlertTiming()) -> AlertCondition
    {
        AlertCondition(
            key: key, value: value, threshold: 100, resolveThreshold: resolve, severity: .warning, crossed: value > 100,
            clear: value <= resolve, timing: timing, message: "m")
    }

    private func kinds(_ tracker: inout AlertTracker, _ steps: [(Int64, AlertCondition)]) -> [AlertTransition.Kind] {
        steps.flatMap { now, condition in tracker.update([condition], now: now).map(\.kind) }
    }

    func testOscillatingInsideTheHysteresisBandTwentyTimesFiresOnceAndNeverResolves() {
        var tracker = AlertTracker()
        let steps = (0..<40).map { i in (Int64(i) * 1000, condition(i % 2 == 0 ? 101 : 99)) }
        XCTAssertEqual(kinds(&tracker, steps), [.fired])
        XCTAssertEqual(tracker.state(of: key), .firing)
        XCTAssertEqual(tracker.active.first?.sinceMs, 0)
        XCTAssertEqual(kinds(&tracker, [(50_000, condition(80))]), [.resolved], "resolves at the resolve threshold")
        XCTAssertEqual(tracker.state(of: key), .resolved)
    }

    func testWithoutHysteresisTheSameOscillationFiresAndResolvesEveryTime() {
        var tracker = AlertTracker()
        let steps = (0..<40).map { i in (Int64(i) * 1000, condition(i % 2 == 0 ? 101 : 99, resolve: 100)) }
        XCTAssertEqual(kinds(&tracker, steps).count, 40, "today's behaviour when resolve = threshold")
    }

    func testForDelaysFiringUntilTheConditionHeldContinuously() {
        var tracker = AlertTracker()
        let timing = AlertTiming(forMs: 60_000)
        XCTAssertEqual(
            kinds(&tracker, [(0, condition(150, timing: timing)), (30_000, condition(150, timing: timing))]), [])
        XCTAssertEqual(tracker.state(of: key), .pending)
        XCTAssertTrue(tracker.active.isEmpty, "pending is not listed")
        XCTAssertEqual(kinds(&tracker, [(59_999, condition(150, timing: timing))]), [])
        XCTAssertEqual(kinds(&tracker, [(60_000, condition(150, timing: timing))]), [.fired])
        XCTAssertEqual(tracker.active.first?.sinceMs, 60_000)
    }

    func testADipBelowTheThresholdRestartsTheForTimer() {
        var tracker = AlertTracker()
        let timing = AlertTiming(forMs: 60_000)
        let steps: [(Int64, AlertCondition)] = [
            (0, condition(150, timing: timing)), (40_000, condition(90, timing: timing)),
            (50_000, condition(150, timing: timing)), (100_000, condition(150, timing: timing)),
        ]
        XCTAssertEqual(kinds(&tracker, steps), [])
        XCTAssertEqual(tracker.state(of: key), .pending)
        XCTAssertEqual(kinds(&tracker, [(110_000, condition(150, timing: timing))]), [.fired])
    }

    func testCooldownSuppressesARefireAfterResolving() {
        var tracker = AlertTracker()
        let timing = AlertTiming(cooldownMs: 300_000)
        XCTAssertEqual(
            kinds(&tracker, [(0, condition(150, timing: timing)), (10_000, condition(50, timing: timing))]),
            [.fired, .resolved])
        XCTAssertEqual(
            kinds(&tracker, [(20_000, condition(150, timing: timing)), (309_999, condition(150, timing: timing))]), [])
        XCTAssertEqual(tracker.state(of: key), .pending)
        XCTAssertEqual(kinds(&tracker, [(310_000, condition(150, timing: timing))]), [.fired])
    }

    func testRepeatReNotifiesWhileFiring() {
        var tracker = AlertTracker()
        let timing = AlertTiming(repeatMs: 60_000)
        let steps = stride(from: Int64(0), through: 150_000, by: 30_000).map { ($0, condition(150, timing: timing)) }
        XCTAssertEqual(kinds(&tracker, steps), [.fired, .repeated, .repeated])
        XCTAssertEqual(tracker.active.first?.sinceMs, 0, "a reminder keeps the firing start")
    }

    func testUnknownKeepsAFiringAlertAndResumesItsTrueState() {
        var tracker = AlertTracker()
        XCTAssertEqual(kinds(&tracker, [(0, condition(150))]), [.fired])
        tracker.markUnknown(now: 10_000)
        XCTAssertEqual(tracker.state(of: key), .unknown)
        XCTAssertEqual(tracker.active.map(\.state), [.unknown], "still listed, as unknown")
        XCTAssertEqual(tracker.active.first?.stateChangedAtMs, 10_000)
        XCTAssertEqual(tracker.active.first?.sinceMs, 0)
        tracker.markUnknown(now: 20_000)
        XCTAssertEqual(tracker.active.first?.stateChangedAtMs, 10_000, "unknown since the first missing value")
        XCTAssertEqual(kinds(&tracker, [(30_000, condition(90))]), [], "back inside the band: still firing")
        XCTAssertEqual(tracker.active.map(\.state), [.firing])
        tracker.markUnknown(now: 40_000)
        XCTAssertEqual(kinds(&tracker, [(50_000, condition(10))]), [.resolved], "data returns clear: resolves then")
    }

    func testUnknownNeverFiresAndKeepsAPendingKeyPending() {
        var tracker = AlertTracker()
        let timing = AlertTiming(forMs: 60_000)
        XCTAssertEqual(kinds(&tracker, [(0, condition(150, timing: timing))]), [])
        tracker.markUnknown(now: 70_000)
        XCTAssertEqual(tracker.state(of: key), .unknown)
        XCTAssertTrue(tracker.active.isEmpty)
        XCTAssertEqual(kinds(&tracker, [(80_000, condition(150, timing: timing))]), [.fired])
        tracker.markUnknown(now: 90_000) { $0.subject == "other" }
        XCTAssertEqual(tracker.state(of: key), .firing, "only matching keys become unknown")
    }

    func testAKeyNeverSeenIsInactiveAndForgettingResolvesOnlyFiringKeys() {
        var tracker = AlertTracker()
        XCTAssertEqual(tracker.state(of: key), .inactive)
        _ = tracker.update([condition(150, timing: AlertTiming(forMs: 1000))], now: 0)
        XCTAssertEqual(tracker.forget(subject: "q", now: 1), [], "pending: nothing to resolve")
        _ = tracker.update([condition(150)], now: 2)
        XCTAssertEqual(tracker.forget(subject: "q", now: 3).map(\.kind), [.resolved])
        XCTAssertEqual(tracker.state(of: key), .inactive)
    }
}

extension AlertStateMachineTests {
    func testARepeatedCriticalAlertLogsAtErrorAsAlertRepeated() throws {
        let lines = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .info) { line in lines.withLock { $0.append(line) } }
        let alert = Alert(
            alert: .cacheMemory, subject: "process", severity: .critical, value: 3000, threshold: 2048, message: "m",
            sinceMs: 0)
        LogAlertSink(logger: logger).record(AlertTransition(kind: .repeated, alert: alert, timeMs: 60_000))
        logger.flush()
        let line = try XCTUnwrap(lines.withLock { $0 }.first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["event"] as? String, "alert.repeated")
        XCTAssertEqual(object["level"] as? String, "error")
        XCTAssertEqual(object["since"] as? String, "1970-01-01T00:00:00.000Z")
    }
}
