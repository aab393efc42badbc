import XCTest

@testable import Monitoring

/// The `noWorkers` rule in memory: `NO_WORKER_ALERT_MS` is its `for`, timed by the tracker across collections, only while jobs wait unpaused and no worker is
/// seen; unknown workers leave the alert and the timer as they were.
final class NoWorkerAlertTests: XCTestCase {
    private let evaluator = ThresholdEvaluator(
        configuration: MonitoringConfiguration(thresholds: AlertThresholds(noWorkerAlert: .milliseconds(60_000))))

    private func sample(
        at ms: Int64, waiting: Int, workers: QueueWorkers = QueueWorkers(workers: []), paused: Bool = false
    ) -> QueueSample {
        var sample = Fixtures.sample(at: ms, counts: JobCounts(waiting: waiting))
        sample.workers = workers
        sample.paused = paused
        return sample
    }

    /// Feeds samples through the tracker, as the monitor does (unknown workers mark the key unknown); returns
    /// whether the alert is listed after each.
    private func run(_ samples: [QueueSample]) -> [Bool] {
        var tracker = AlertTracker()
        return samples.map { sample in
            if let condition = evaluator.noWorkersCondition(for: sample) {
                _ = tracker.update([condition], now: sample.timestampMs)
            } else {
                tracker.markUnknown(now: sample.timestampMs)
            }
            return tracker.active.contains { $0.alert == .noWorkers }
        }
    }

    func testFiresOnceJobsWaitedWithoutWorkersForTheDelayAndResolvesWhenAWorkerAppears() {
        let worker = QueueWorkers(workers: [.init(client: .python, name: nil, address: "10.0.0.6:1")])
        XCTAssertEqual(
            run([
                sample(at: 0, waiting: 3), sample(at: 30_000, waiting: 3), sample(at: 60_000, waiting: 4),
                sample(at: 90_000, waiting: 4, workers: worker),
            ]), [false, false, true, false])
    }

    func testResolvesWhenNothingWaitsAndRestartsTheTimer() {
        XCTAssertEqual(
            run([
                sample(at: 0, waiting: 1), sample(at: 60_000, waiting: 1), sample(at: 70_000, waiting: 0),
                sample(at: 80_000, waiting: 2), sample(at: 130_000, waiting: 2),
            ]), [false, true, false, false, false])
    }

    func testAPausedQueueNeverFires() {
        XCTAssertEqual(
            run([sample(at: 0, waiting: 5, paused: true), sample(at: 120_000, waiting: 5, paused: true)]),
            [false, false])
    }

    func testUnknownWorkersLeaveTheAlertAndTheTimerAsTheyWere() {
        let unknown = QueueWorkers.unknown("Redis refused CLIENT LIST (NOPERM)")
        XCTAssertEqual(
            run([
                sample(at: 0, waiting: 1), sample(at: 60_000, waiting: 1),
                sample(at: 70_000, waiting: 1, workers: unknown),
                sample(at: 80_000, waiting: 1), sample(at: 130_000, waiting: 1), sample(at: 140_000, waiting: 1),
            ]), [false, true, true, true, true, true])
    }
}
