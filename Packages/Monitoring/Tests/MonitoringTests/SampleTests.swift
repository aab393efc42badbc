import Foundation
import XCTest

@testable import Monitoring

final class SampleTests: XCTestCase {
    private func reading(
        at time: Int64, worker: QueueReading.Totals? = nil, metrics: QueueReading.Totals? = nil,
        events: QueueReading.EventCounts? = nil, stored: QueueReading.StoredFinished? = nil
    ) -> QueueReading {
        QueueReading(
            queue: "email", timestampMs: time, counts: JobCounts(waiting: 3, prioritized: 2), stalled: 1,
            oldestWaitingTimestampMs: time - 4_000, workerCounters: worker, bullmqMetrics: metrics, events: events,
            storedFinished: stored)
    }

    func testWorkerCountersWinAndGiveExactDifferences() {
        let before = reading(
            at: 0, worker: .init(completed: 10, failed: 2, retries: 1, processingMsTotal: 1000),
            metrics: .init(completed: 500, failed: 500))
        let now = reading(
            at: 60_000, worker: .init(completed: 40, failed: 12, retries: 4, processingMsTotal: 6200),
            metrics: .init(completed: 900, failed: 900),
            events: .init(completed: 1, failed: 1, retries: 1, coversWindow: true))
        let sample = WindowCalculator.sample(from: now, previous: before, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 30, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 10, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.window.retries, WindowFigure(value: 3, source: .workerCounters, exact: true))
        XCTAssertEqual(
            sample.window.averageProcessingMs, WindowFigure(value: 130, source: .workerCounters, exact: true))
        XCTAssertEqual(sample.failedRate, 0.25)
        XCTAssertEqual(sample.completedPerMinute, 30)
        XCTAssertEqual(sample.oldestWaitingAgeMs, 4_000)
        XCTAssertEqual(sample.counts.ready, 5)
    }

    func testBullmqMetricsAreUsedWhenOurCountersAreMissingAndEventsFillRetries() {
        let before = reading(at: 0, metrics: .init(completed: 100, failed: 0))
        let now = reading(
            at: 30_000, metrics: .init(completed: 110, failed: 5),
            events: .init(completed: 9, failed: 5, retries: 2, coversWindow: false))
        let sample = WindowCalculator.sample(from: now, previous: before, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 10, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 5, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.retries, WindowFigure(value: 2, source: .eventsStream, exact: false))
        XCTAssertEqual(sample.window.averageProcessingMs, .unavailable)
        XCTAssertEqual(sample.completedPerMinute, 20)
    }

    func testFirstReadingFallsThroughToEventsThenStoredJobs() {
        let withEvents = reading(
            at: 30_000, metrics: .init(completed: 5, failed: 0),
            events: .init(completed: 4, failed: 1, retries: 0, coversWindow: true),
            stored: .init(completed: 3, failed: 1, processingMs: [10, 20]))
        let first = WindowCalculator.sample(from: withEvents, previous: nil, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertEqual(first.window.completed, WindowFigure(value: 4, source: .eventsStream, exact: true))
        XCTAssertEqual(first.window.averageProcessingMs, WindowFigure(value: 15, source: .finishedJobs, exact: false))

        let storedOnly = reading(at: 30_000, stored: .init(completed: 3, failed: 1, processingMs: []))
        let sample = WindowCalculator.sample(from: storedOnly, previous: nil, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 3, source: .finishedJobs, exact: false))
        XCTAssertEqual(sample.window.retries, .unavailable)
        XCTAssertEqual(sample.window.averageProcessingMs, .unavailable)
    }

    func testCounterThatWentBackwardsIsNotTrusted() {
        let before = reading(at: 0, worker: .init(completed: 100, failed: 0))
        let now = reading(
            at: 1000, worker: .init(completed: 3, failed: 0),
            events: .init(completed: 3, failed: 0, retries: 0, coversWindow: true))
        let sample = WindowCalculator.sample(from: now, previous: before, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed.source, .eventsStream)
    }

    func testNothingAvailableGivesNilRatesNotZero() {
        let sample = WindowCalculator.sample(
            from: reading(at: 1000), previous: nil, windowStartMs: 0, redis: Fixtures.redis)
        XCTAssertNil(sample.failedRate)
        XCTAssertNil(sample.completedPerMinute)
        XCTAssertEqual(sample.window.completed, .unavailable)
    }

    func testRingBufferMatchesASimpleModelUnderRandomAppends() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let capacity = Int.random(in: 1...8, using: &generator)
            var buffer = RingBuffer<Int>(capacity: capacity)
            var model: [Int] = []
            for value in 0..<Int.random(in: 0...30, using: &generator) {
                buffer.append(value)
                model.append(value)
                if model.count > capacity { model.removeFirst() }
                XCTAssertEqual(buffer.elements, model)
                XCTAssertEqual(buffer.last, model.last)
                XCTAssertEqual(buffer.count, model.count)
            }
        }
    }

    func testHistoryKeepsTheLastRetentionSamplesAndSummarisesThem() {
        var history = QueueHistory(retention: 3)
        for (index, waiting) in [100, 1, 2, 6].enumerated() {
            history.append(
                Fixtures.sample(
                    at: Int64(index) * 1000, counts: JobCounts(waiting: waiting), completed: 9,
                    failed: index % 2 == 0 ? 1 : 3))
        }
        XCTAssertEqual(history.samples.map(\.counts.waiting), [1, 2, 6])
        XCTAssertEqual(history.latest?.counts.waiting, 6)
        let summary = history.summary
        XCTAssertEqual(summary.samples, 3)
        XCTAssertEqual(summary.fromMs, 1000)
        XCTAssertEqual(summary.toMs, 3000)
        XCTAssertEqual(summary.waiting, FigureSummary([1, 2, 6]))
        XCTAssertEqual(summary.waiting?.avg, 3)
        XCTAssertEqual(summary.failedRate?.max, 0.25)
        XCTAssertEqual(summary.failedRate?.min, 0.1)
        XCTAssertNil(QueueHistory(retention: 2).summary.waiting)
    }

    func testSampleJSONUsesBullmqStateNamesUnitsAndIsoTimestamp() throws {
        let sample = Fixtures.sample(
            at: 1_763_603_817_776, counts: JobCounts(waiting: 1, waitingChildren: 2), completed: 3, failed: 1)
        let data = try MonitoringJSON.makeEncoder().encode(sample)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["timestamp"] as? String, "2025-11-20T01:56:57.776Z")
        XCTAssertEqual(object["failedRate"] as? Double, 0.25)
        XCTAssertEqual((object["counts"] as? [String: Any])?["waiting-children"] as? Int, 2)
        XCTAssertEqual((object["redis"] as? [String: Any])?["usedMemoryMB"] as? Double, 2)
        let window = try XCTUnwrap(object["window"] as? [String: Any])
        XCTAssertEqual((window["completed"] as? [String: Any])?["source"] as? String, "workerCounters")
        XCTAssertEqual(try JSONDecoder().decode(QueueSample.self, from: data), sample)
    }
}
