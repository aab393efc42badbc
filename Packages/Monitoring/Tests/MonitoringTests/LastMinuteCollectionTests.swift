import PrivateServices
import RedisClient
import XCTest

@testable import Monitoring

/// `QueueCollector.readLastMinute` against a real Redis holding BullMQ-layout keys: one reading, no wait.
final class LastMinuteCollectionTests: XCTestCase {
    private var redis: RedisClient!
    private var prefix = ""

    override func setUp() async throws {
        redis = try RedisTests.client(url: try TestServices.redisURL())
        prefix = TestServices.uniqueName("minute")
    }

    override func tearDown() async throws {
        await redis?.close()
    }

    func testTheLastFullMinuteComesFromTheMetricsListsOrAWholeStreamElseIsUnavailable() async throws {
        let now = RedisTests.nowMs
        let current = now / 60_000 * 60_000
        let lastMinute = current - 60_000
        // "metered": a worker with metrics closed the last minute at 300 completed and 4 failed, and has
        // finished 2 more jobs in the current one.
        let metered = BullMQKeys(redis: redis, prefix: prefix, queue: "metered")
        try await metered.run([
            metered.meta,
            [
                "HSET", metered.key("metrics:completed"), "count", "1302", "prevTS", String(current + 1), "prevCount",
                "1300",
            ],
            ["LPUSH", metered.key("metrics:completed:data"), "0", "300"],
            ["HSET", metered.key("metrics:failed"), "count", "10", "prevTS", String(current + 1), "prevCount", "10"],
            ["LPUSH", metered.key("metrics:failed:data"), "4"],
            metered.job("1", timestamp: lastMinute, processedOn: lastMinute + 100, finishedOn: lastMinute + 150),
            ["ZADD", metered.key("completed"), String(lastMinute + 150), "1"],
        ])
        // "streamed": no metrics, an untrimmed events stream with one completion in the last minute.
        let streamed = BullMQKeys(redis: redis, prefix: prefix, queue: "streamed")
        try await streamed.run([
            streamed.meta,
            ["XADD", streamed.key("events"), "\(lastMinute + 10)-0", "event", "completed", "jobId", "1"],
            ["XADD", streamed.key("events"), "\(current + 10)-0", "event", "completed", "jobId", "2"],
        ])
        // "blind": no metrics and a trimmed stream (cap 1) that starts after the last minute.
        let blind = BullMQKeys(redis: redis, prefix: prefix, queue: "blind")
        try await blind.run([
            ["HSET", blind.key("meta"), "opts.maxLenEvents", "1"],
            ["XADD", blind.key("events"), "\(current + 10)-0", "event", "completed", "jobId", "1"],
            ["XADD", blind.key("events"), "\(current + 11)-0", "event", "completed", "jobId", "2"],
            ["ZADD", blind.key("completed"), String(lastMinute + 5), "0"],
        ])

        let collector = QueueCollector(client: redis, prefix: prefix)
        let readings = try await collector.readLastMinute(["blind", "metered", "streamed"], retries: false, nowMs: now)
        let samples = Dictionary(
            uniqueKeysWithValues: readings.map {
                ($0.queue, WindowCalculator.lastMinuteSample(from: $0, redis: Fixtures.redis))
            })

        let meteredSample = try XCTUnwrap(samples["metered"])
        XCTAssertEqual(meteredSample.window.completed, WindowFigure(value: 300, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(meteredSample.window.failed, WindowFigure(value: 4, source: .bullmqMetrics, exact: true))
        XCTAssertEqual(meteredSample.completedPerMinute, 300)
        XCTAssertEqual(meteredSample.window.averageProcessingMs.value, 50)
        XCTAssertNil(readings.first { $0.queue == "metered" }?.events, "metrics gave the counts: stream not read")

        let streamedSample = try XCTUnwrap(samples["streamed"])
        XCTAssertEqual(streamedSample.window.completed, WindowFigure(value: 1, source: .eventsStream, exact: true))

        let blindSample = try XCTUnwrap(samples["blind"])
        XCTAssertEqual(blindSample.window.completed, .unavailable)
        XCTAssertNil(blindSample.completedPerMinute)
    }
}
