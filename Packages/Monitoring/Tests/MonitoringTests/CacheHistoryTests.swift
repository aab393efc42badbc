import AIModelCache
import Monitoring
import XCTest

/// The cache history the telemetry keeps (one ring per cache, `METRICS_RETENTION` samples) and the downsampling of a
/// series for charts.
final class CacheHistoryTests: XCTestCase {
    private struct Model: CacheableModel {
        var estimatedBytes: Int { 1024 }
    }

    func testEachCacheKeepsTheRetainedSamplesOldestFirst() async throws {
        let configuration = MonitoringConfiguration(metricsRetention: 3)
        let telemetry = AIModelTelemetry(configuration: configuration, sink: RecordingAlertSink())
        let empty = await telemetry.cacheHistory
        XCTAssertEqual(empty["social"], [])
        XCTAssertEqual(empty["advertising"], [])
        let models = try ModelCacheManager<Model, Model>(
            configuration: .init(maxSocialModels: 4, maxAdvertisingModels: 2, idleTimeout: .seconds(60)))
        let report = await telemetry.report(await AIModelsInput(manager: models))
        for second in 1...5 { await telemetry.recordSamples(of: report, nowMs: Int64(second) * 1000) }
        let history = await telemetry.cacheHistory
        XCTAssertEqual(history["social"]?.map(\.timestampMs), [3000, 4000, 5000])
        XCTAssertEqual(history["advertising"]?.count, 3)
        let sample = try XCTUnwrap(history["social"]?.last)
        XCTAssertEqual(sample.capacity, 4)
        XCTAssertEqual(sample.entries, 0)
        XCTAssertEqual(sample.utilization, 0)
    }

    func testDownsamplingKeepsTheEndsAndAtMostThePointsAskedFor() {
        let series = Array(0..<100)
        XCTAssertEqual(Downsampling.evenly(series, to: nil), series)
        XCTAssertEqual(Downsampling.evenly(series, to: 200), series)
        XCTAssertEqual(Downsampling.evenly(series, to: 2), [0, 99])
        let ten = Downsampling.evenly(series, to: 10)
        XCTAssertEqual(ten.count, 10)
        XCTAssertEqual(ten.first, 0)
        XCTAssertEqual(ten.last, 99)
        XCTAssertEqual(ten, ten.sorted(), "in order")
        XCTAssertEqual(Downsampling.evenly([Int](), to: 5), [])
    }
}
