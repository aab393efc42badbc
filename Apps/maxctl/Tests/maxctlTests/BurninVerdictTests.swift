import Chaos
import Monitoring
import XCTest

@testable import maxctl

/// The burn-in's verdict and the load test's LRU replay: pure logic over made-up samples.
final class BurninVerdictTests: XCTestCase {
    private func sample(
        minute: Double, apiP99: Double = 10, completed: Int = 100, failed: Int = 0, rssKiB: Int = 40_000,
        newConnections: Int = 0
    ) -> BurninSample {
        // 100 latencies a minute: 97 of 1 ms and 3 of `apiP99` ms, so the p99 is `apiP99`.
        let latencies = Array(repeating: 1.0, count: 97) + Array(repeating: apiP99, count: 3)
        let figure = BaselineFigure(samples: latencies)
        return BurninSample(
            at: Int64(minute * 60_000), elapsedSeconds: minute * 60, api: figure,
            apiHistogram: LatencyHistogram(latencies), apiErrors: 0, postsAcknowledged: 5, postsPublished: 5,
            endToEnd: figure, endToEndHistogram: LatencyHistogram(latencies),
            queues: [
                "social-posts": .init(
                    completed: completed, failed: failed, wait: figure, processing: figure, endToEnd: figure,
                    endToEndHistogram: LatencyHistogram(latencies))
            ],
            failedRate: nil, caches: [:],
            processes: [.init(name: "worker-1", pid: 7, rssKiB: rssKiB, heapMB: nil)],
            redis: .init(
                latencyMs: 0.2, newConnections: newConnections, reconnects: newConnections, errorReplies: 0,
                connectedClients: 9),
            disturbances: 0)
    }

    private func passed(_ verdict: BurninVerdict, _ name: String) -> Bool? {
        verdict.criteria.first { $0.name == name }?.passed
    }

    private let clean = PostAccounting(acknowledged: 10, publishedOnce: 10)

    func testAQuietHourPassesEveryJudgedCriterion() {
        let samples = (0...60).map { sample(minute: Double($0)) }
        let verdict = BurninVerdict.judge(
            samples: samples, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: 10, disturbed: false)
        XCTAssertTrue(verdict.passed, "\(verdict.criteria)")
        XCTAssertEqual(verdict.criteria.compactMap { $0.passed }, [true, true, true, true, true, true])
    }

    func testEachCriterionFailsOnItsOwnBreach() {
        let hour = (0...60).map { sample(minute: Double($0)) }
        var lost = clean
        lost.lost = [3]
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: hour, posts: lost, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "publications"),
            false)
        let failing = (0...60).map { sample(minute: Double($0), failed: $0 == 30 ? 200 : 0) }
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: failing, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "failed rate"),
            false)
        // One slow interval does not move the run's p99; a slow tenth of them does.
        let oneSlow = (0...60).map { sample(minute: Double($0), apiP99: $0 == 45 ? 80 : 10) }
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: oneSlow, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "API p99"),
            true)
        let slow = (0...60).map { sample(minute: Double($0), apiP99: $0 % 3 == 0 ? 80 : 10) }
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: slow, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "API p99"),
            false)
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: hour, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: 5, disturbed: false),
                "end to end p99"),
            false, "10 ms against a 5 ms baseline's 6 ms bound")
        // 10 MB an hour: 40,000 KiB rising by 10,240 KiB over 60 minutes.
        let leaking = (0...60).map { sample(minute: Double($0), rssKiB: 40_000 + $0 * 10_240 / 60) }
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: leaking, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "memory"),
            false)
        let storm = (0...60).map { sample(minute: Double($0), newConnections: $0 == 20 ? 3 : 0) }
        XCTAssertEqual(
            passed(
                BurninVerdict.judge(
                    samples: storm, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: false),
                "Redis reconnects"),
            false)
        XCTAssertNil(
            passed(
                BurninVerdict.judge(
                    samples: storm, posts: clean, durationSeconds: 3600, baselineEndToEndP99Ms: nil, disturbed: true),
                "Redis reconnects"),
            "restarted workers reconnect: reported, not judged")
    }

    func testAShortRunDoesNotJudgeMemoryOrTheEndToEndWithoutABaseline() {
        let samples = (0...15).map { sample(minute: Double($0) / 30, rssKiB: 40_000 + $0 * 500) }
        let verdict = BurninVerdict.judge(
            samples: samples, posts: clean, durationSeconds: 30, baselineEndToEndP99Ms: nil, disturbed: false)
        XCTAssertNil(passed(verdict, "memory"))
        XCTAssertNil(passed(verdict, "end to end p99"))
        XCTAssertTrue(verdict.passed)
    }

    func testTheHistogramMergesAndAnswersPercentilesWithinItsResolution() throws {
        var histogram = LatencyHistogram((1...90).map(Double.init))
        histogram.merge(LatencyHistogram((91...100).map(Double.init)))
        XCTAssertEqual(histogram.count, 100)
        // Buckets are 2^(1/8) wide: a percentile read at its bucket's geometric middle is within 4.5 % of the truth.
        for (quantile, truth) in [(0.5, 50.0), (0.99, 99.0), (1, 100.0)] {
            let value = try XCTUnwrap(histogram.value(at: quantile))
            XCTAssertEqual(value, truth, accuracy: truth * 0.045)
        }
        XCTAssertNil(LatencyHistogram().value(at: 0.99))
        let decoded = try JSONDecoder().decode(
            LatencyHistogram.self, from: JSONEncoder().encode(histogram))
        XCTAssertEqual(decoded, histogram)
    }

    func testTheLeastSquaresSlopeAndTheLRUReplay() throws {
        XCTAssertEqual(try XCTUnwrap(BurninVerdict.leastSquaresSlope([(0, 1), (1, 3), (2, 5)])), 2, accuracy: 1e-9)
        XCTAssertNil(BurninVerdict.leastSquaresSlope([(1, 1), (1, 2), (1, 3)]))
        // Capacity 2: a b a (hit) c (evicts b) b (miss) a (miss: c and b came since) → 1 hit in 6.
        XCTAssertEqual(CacheCheck.lruHitRate(capacity: 2, order: ["a", "b", "a", "c", "b", "a"]), 1.0 / 6.0)
        // Users in turn beyond the capacity: LRU's worst case, no hit at all.
        let cyclic = (0..<30).map { "u\($0 % 3)" }
        XCTAssertEqual(CacheCheck.lruHitRate(capacity: 2, order: cyclic), 0)
        XCTAssertEqual(try XCTUnwrap(CacheCheck.lruHitRate(capacity: 3, order: cyclic)), 27.0 / 30.0, accuracy: 1e-9)
    }
}
