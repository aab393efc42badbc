import XCTest

@testable import Monitoring

final class MinuteMetricsTests: XCTestCase {
    /// Minute 100 began at 6,000,000 ms.
    private let minute: Int64 = 100
    private func at(_ minute: Int64, plus ms: Int64 = 1) -> Int64 { minute * 60_000 + ms }

    func testTheMinuteOfPrevTSHoldsCountMinusPrevCountAndTheOneBeforeItIsTheNewestPoint() {
        let series = MinuteMetrics.Series(
            count: 1_312, previousTimestampMs: at(minute), previousCount: 1_300, newestPoint: 300)
        XCTAssertEqual(series.finished(inMinute: minute), 12)
        XCTAssertEqual(series.finished(inMinute: minute - 1), 300)
        XCTAssertEqual(series.finished(inMinute: minute + 1), 0, "nothing finished after prevTS's minute")
        XCTAssertEqual(series.finished(inMinute: minute + 50), 0)
        XCTAssertNil(series.finished(inMinute: minute - 2), "older than the one point read")
    }

    func testUnknownWhenPrevTSIsMissingOrTheMinuteIsBeforeMetricsBegan() {
        XCTAssertNil(
            MinuteMetrics.Series(count: 5, previousTimestampMs: nil, previousCount: 0, newestPoint: nil)
                .finished(inMinute: minute))
        let firstMinute = MinuteMetrics.Series(
            count: 5, previousTimestampMs: at(minute), previousCount: 0, newestPoint: nil)
        XCTAssertEqual(firstMinute.finished(inMinute: minute), 5)
        XCTAssertNil(firstMinute.finished(inMinute: minute - 1), "metrics began in minute 100")
    }

    func testAMissingKindCountsZeroOnlyWhileTheOtherKindHasMetrics() {
        let completed = MinuteMetrics.Series(
            count: 10, previousTimestampMs: at(minute), previousCount: 4, newestPoint: 7)
        let metrics = MinuteMetrics(completed: completed, failed: nil)
        XCTAssertEqual(metrics.finished(inMinute: minute)?.completed, 6)
        XCTAssertEqual(metrics.finished(inMinute: minute)?.failed, 0)
        XCTAssertNil(metrics.finished(inMinute: minute - 5), "the completed count of that minute is unknown")
        XCTAssertNil(MinuteMetrics(completed: nil, failed: nil).finished(inMinute: minute))
    }

    func testLastFullMinuteIsTheMinuteBeforeTheCurrentOne() {
        XCTAssertEqual(MinuteMetrics.lastFullMinute(beforeMs: at(minute, plus: 0)), minute - 1)
        XCTAssertEqual(MinuteMetrics.lastFullMinute(beforeMs: at(minute, plus: 59_999)), minute - 1)
    }

    private func reading(
        at time: Int64, minutes: MinuteMetrics? = nil, events: QueueReading.EventCounts? = nil,
        stored: QueueReading.StoredFinished? = nil
    ) -> QueueReading {
        QueueReading(
            queue: "email", timestampMs: time, counts: JobCounts(completed: 40), bullmqMetrics: nil,
            bullmqMinutes: minutes, events: events, storedFinished: stored)
    }

    func testLastMinuteSampleTakesTheLastFullMinuteFromBullmqMetrics() {
        // Now is 30 s into minute 101; 300 completed and 12 failed in minute 100, the last full one.
        let minutes = MinuteMetrics(
            completed: .init(count: 5_000, previousTimestampMs: at(101), previousCount: 4_990, newestPoint: 300),
            failed: .init(count: 112, previousTimestampMs: at(minute, plus: 59_000), previousCount: 100, newestPoint: 1)
        )
        let sample = WindowCalculator.lastMinuteSample(
            from: reading(
                at: at(101, plus: 30_000), minutes: minutes,
                stored: .init(completed: 0, failed: 0, processingMs: [10, 30])),
            redis: Fixtures.redis)
        XCTAssertEqual(sample.window.completed, WindowFigure(value: 300, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.failed, WindowFigure(value: 12, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(sample.window.startMs, at(minute, plus: 0))
        XCTAssertEqual(sample.window.endMs, at(101, plus: 0))
        XCTAssertEqual(sample.completedPerMinute, 300)
        XCTAssertEqual(sample.failedRate!, 12.0 / 312.0, accuracy: 1e-9)
        XCTAssertEqual(sample.window.retries, .unavailable, "the events stream was not read")
        XCTAssertEqual(sample.window.averageProcessingMs, WindowFigure(value: 20, source: .finishedJobs, exact: false))
    }

    func testWithoutMetricsOnlyAStreamHoldingTheWholeMinuteCountsNeverTheStoredJobs() {
        let now = at(101, plus: 30_000)
        let exact = WindowCalculator.lastMinuteSample(
            from: reading(at: now, events: .init(completed: 7, failed: 1, retries: 2, coversWindow: true)),
            redis: Fixtures.redis)
        XCTAssertEqual(exact.window.completed, WindowFigure(value: 7, source: .eventsStream, exact: true))
        XCTAssertEqual(exact.window.retries, WindowFigure(value: 2, source: .eventsStream, exact: true))

        let trimmed = WindowCalculator.lastMinuteSample(
            from: reading(
                at: now, events: .init(completed: 0, failed: 0, retries: 0, coversWindow: false),
                stored: .init(completed: 0, failed: 0, processingMs: [])),
            redis: Fixtures.redis)
        XCTAssertEqual(trimmed.window.completed, .unavailable)
        XCTAssertEqual(trimmed.window.failed, .unavailable)
        XCTAssertNil(trimmed.completedPerMinute, "no fake 0 from a trimmed stream or emptied finished sets")
        XCTAssertNil(trimmed.failedRate)
    }
}
