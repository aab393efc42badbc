import XCTest

@testable import Monitoring

/// Window figures when other clients' workers share the queue: never labelled exact from counters that cannot
/// see their jobs. In memory.
final class MixedFleetFigureTests: XCTestCase {
    private let ours = QueueWorkers(workers: [.init(client: .ours, name: "a", address: "10.0.0.5:1")])
    private let mixed = QueueWorkers(workers: [
        .init(client: .ours, name: "a", address: "10.0.0.5:1"),
        .init(client: .python, name: nil, address: "10.0.0.6:2"),
    ])

    private func reading(
        at timestampMs: Int64, workers: QueueWorkers, counters: Int64, metrics: Int64,
        events: QueueReading.EventCounts? = nil
    ) -> QueueReading {
        QueueReading(
            queue: "email", timestampMs: timestampMs, counts: JobCounts(), workers: workers,
            workerCounters: .init(completed: counters, failed: 0, retries: 0, processingMsTotal: counters * 10),
            bullmqMetrics: .init(completed: metrics, failed: 0), events: events)
    }

    private func window(_ now: QueueReading, _ before: QueueReading) -> WindowFigures {
        WindowCalculator.sample(from: now, previous: before, windowStartMs: before.timestampMs, redis: Fixtures.redis)
            .window
    }

    func testOnlyOurWorkersKeepExactCounters() {
        let figures = window(
            reading(at: 2000, workers: ours, counters: 15, metrics: 15),
            reading(at: 1000, workers: ours, counters: 5, metrics: 5))
        XCTAssertEqual(figures.completed, WindowFigure(value: 10, source: .workerCounters, exact: true))
    }

    func testAnotherClientsWorkerMakesTheEventsStreamTheExactSourceWhileItHoldsTheWindow() {
        let events = QueueReading.EventCounts(completed: 14, failed: 1, retries: 2, coversWindow: true)
        let figures = window(
            reading(at: 2000, workers: mixed, counters: 15, metrics: 15, events: events),
            reading(at: 1000, workers: ours, counters: 5, metrics: 5))
        XCTAssertEqual(figures.completed, WindowFigure(value: 14, source: .eventsStream, exact: true))
        XCTAssertEqual(figures.failed, WindowFigure(value: 1, source: .eventsStream, exact: true))
        XCTAssertEqual(figures.retries, WindowFigure(value: 2, source: .eventsStream, exact: true))
        XCTAssertEqual(figures.averageProcessingMs.source, .workerCounters)
        XCTAssertFalse(figures.averageProcessingMs.exact)
    }

    func testWithoutTheStreamBullMQMetricsComeFirstLabelledPartialWithTheReason() {
        let trimmed = QueueReading.EventCounts(completed: 3, failed: 0, retries: 0, coversWindow: false)
        // The Python worker was seen at the window's start only: still a shared window.
        let figures = window(
            reading(at: 2000, workers: ours, counters: 15, metrics: 25, events: trimmed),
            reading(at: 1000, workers: mixed, counters: 5, metrics: 5))
        XCTAssertEqual(figures.completed.value, 20)
        XCTAssertEqual(figures.completed.source, .bullmqMetrics)
        XCTAssertFalse(figures.completed.exact)
        let reason = try? XCTUnwrap(figures.completed.reason)
        XCTAssertTrue(reason?.contains("1 Python bullmq") == true, reason ?? "no reason")
        XCTAssertTrue(reason?.contains("metrics on") == true, reason ?? "no reason")
    }

    func testUnknownWorkersMakeOurCountersPartial() {
        let unknown = QueueWorkers.unknown("Redis refused CLIENT LIST (NOPERM)")
        let now = QueueReading(
            queue: "email", timestampMs: 2000, counts: JobCounts(), workers: unknown,
            workerCounters: .init(completed: 9, failed: 1))
        let before = QueueReading(
            queue: "email", timestampMs: 1000, counts: JobCounts(), workers: unknown,
            workerCounters: .init(completed: 4, failed: 0))
        let figures = window(now, before)
        XCTAssertEqual(figures.completed.value, 5)
        XCTAssertFalse(figures.completed.exact)
        XCTAssertTrue(figures.completed.reason?.contains("NOPERM") == true)
        XCTAssertTrue(figures.completed.reason?.contains("counters miss") == true)
    }

    func testTheLastMinuteFromPerMinuteMetricsIsPartialInASharedQueue() {
        let nowMs: Int64 = 10 * 60_000 + 5_000
        let series = MinuteMetrics.Series(
            count: 30, previousTimestampMs: 9 * 60_000 + 1, previousCount: 20, newestPoint: 7)
        let reading = QueueReading(
            queue: "email", timestampMs: nowMs, counts: JobCounts(), workers: mixed,
            bullmqMinutes: MinuteMetrics(completed: series, failed: nil))
        let sample = WindowCalculator.lastMinuteSample(from: reading, redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed.value, 10)
        XCTAssertFalse(sample.window.completed.exact)
        XCTAssertNotNil(sample.window.completed.reason)
        var ourOnly = reading
        ourOnly.workers = ours
        XCTAssertTrue(WindowCalculator.lastMinuteSample(from: ourOnly, redis: Fixtures.redis).window.completed.exact)
    }
}
