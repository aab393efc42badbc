import AIModelCache
import XCTest

@testable import Monitoring

/// The cache rules (utilisation, hit rate, process memory) at their boundaries: pure logic over telemetry
/// figures, as AIModelCache reports them.
final class CacheAlertRuleTests: XCTestCase {
    private let evaluator = ThresholdEvaluator(configuration: MonitoringConfiguration())

    private func crossed(_ cache: CacheTelemetry, using evaluator: ThresholdEvaluator? = nil) -> [AlertRule] {
        (evaluator ?? self.evaluator).conditions(for: cache).filter(\.crossed).map(\.key.rule)
    }

    func testUtilisationOfExactlyNinetyPercentDoesNotAlertAndNinetyOneDoesAsInfo() throws {
        XCTAssertEqual(crossed(.fixture(current: 90, max: 100, hits: 0, misses: 0, loads: 0)), [])
        let condition = try XCTUnwrap(
            evaluator.conditions(for: .fixture(current: 91, max: 100, hits: 0, misses: 0, loads: 0)).first)
        XCTAssertTrue(condition.crossed)
        XCTAssertEqual(condition.key, AlertKey(rule: .cacheUtilization, subject: "social"))
        XCTAssertEqual(condition.severity, .info)
        XCTAssertEqual(condition.value, 91, accuracy: 1e-9)
        XCTAssertEqual(condition.threshold, 90, accuracy: 1e-9)
        XCTAssertTrue(condition.message.contains("91% is above 90%"), condition.message)
        // 45 of 50 is exactly 90% too.
        XCTAssertEqual(crossed(.fixture(name: "advertising", current: 45, max: 50, hits: 0, misses: 0, loads: 0)), [])
        XCTAssertEqual(
            crossed(.fixture(name: "advertising", current: 46, max: 50, hits: 0, misses: 0, loads: 0)),
            [.cacheUtilization])
    }

    func testHitRateBelowHalfWarnsOnlyFromTheTwentiethLoad() throws {
        // 19 loads, 19 misses, 10 hits: 34.5% but too few loads.
        XCTAssertEqual(crossed(.fixture(current: 1, max: 100, hits: 10, misses: 19, loads: 19)), [])
        // Exactly 20 loads: the rule applies.
        let condition = try XCTUnwrap(
            evaluator.conditions(for: .fixture(current: 1, max: 100, hits: 10, misses: 20, loads: 20)).last)
        XCTAssertTrue(condition.crossed)
        XCTAssertEqual(condition.key.rule, .cacheHitRate)
        XCTAssertEqual(condition.severity, .warning)
        XCTAssertEqual(condition.value, 100.0 / 3, accuracy: 1e-9)
        XCTAssertEqual(condition.threshold, 50)
        XCTAssertTrue(condition.message.contains("after 20 loads"), condition.message)
        // Exactly 50% is not below 50%.
        XCTAssertEqual(crossed(.fixture(current: 1, max: 100, hits: 20, misses: 20, loads: 20)), [])
        XCTAssertEqual(crossed(.fixture(current: 1, max: 100, hits: 19, misses: 20, loads: 20)), [.cacheHitRate])
    }

    func testMemoryAboveTwoThousandFortyEightMegabytesIsCritical() {
        XCTAssertFalse(evaluator.condition(for: ProcessMemory(heapUsedMB: 1, residentMB: 2048)).crossed)
        let condition = evaluator.condition(for: ProcessMemory(heapUsedMB: 1, residentMB: 2048.5))
        XCTAssertTrue(condition.crossed)
        XCTAssertEqual(condition.severity, .critical)
        XCTAssertEqual(condition.key, AlertKey(rule: .cacheMemory, subject: "process"))
        XCTAssertEqual(condition.value, 2048.5)
        XCTAssertEqual(condition.threshold, 2048)
    }

    func testTheMemoryRuleComparesTheResidentSizeNotResidentPlusModels() async throws {
        struct Model: CacheableModel { var estimatedBytes: Int { 512 * 1_048_576 } }
        let manager = try ModelCacheManager<Model, Model>(configuration: .init())
        _ = try await manager.social.model(for: "u") { _ in Model() }
        let telemetry = manager.telemetry(memory: ProcessMemory(heapUsedMB: 10, residentMB: 2000))
        XCTAssertEqual(telemetry.social.estimatedModelMB, 512)
        XCTAssertFalse(evaluator.condition(for: telemetry.memory).crossed, "2000 MB resident is below 2048 MB")
    }

    func testThresholdsFromTheConfigurationAreUsed() {
        let configuration = MonitoringConfiguration(
            cacheAlerts: CacheAlertSettings(
                utilizationRatio: 0.5, minHitRateRatio: 0.9, minLoads: 1, memoryAlertMB: 100))
        let evaluator = ThresholdEvaluator(configuration: configuration)
        XCTAssertEqual(
            crossed(.fixture(current: 51, max: 100, hits: 8, misses: 2, loads: 1), using: evaluator),
            [.cacheUtilization, .cacheHitRate])
        XCTAssertTrue(evaluator.condition(for: ProcessMemory(heapUsedMB: 10, residentMB: 101)).crossed)
    }

    func testAManagersReportRaisesOneMemoryAlertForTheProcessAndPerCacheAlerts() async throws {
        struct Model: CacheableModel { var estimatedBytes: Int { 1 } }
        var caches = ModelCacheManager<Model, Model>.Configuration()
        caches.social.maxEntries = 1
        let manager = try ModelCacheManager<Model, Model>(configuration: caches)
        XCTAssertNil(manager.social.cachedModel(for: "nobody"))
        let telemetry = manager.telemetry(memory: ProcessMemory(heapUsedMB: 1, residentMB: 60))
        let input = AIModelsInput(
            social: telemetry.social, advertising: telemetry.advertising, memory: telemetry.memory,
            recentEvictions: [])
        let monitoring = AIModelTelemetry(
            configuration: MonitoringConfiguration(cacheAlerts: CacheAlertSettings(memoryAlertMB: 50)),
            sink: RecordingAlertSink())
        let report = await monitoring.report(input, nowMs: 0)
        XCTAssertEqual(report.alerts.map(\.alert), [.cacheMemory])
        XCTAssertEqual(report.alerts.map(\.subject), ["process"])
        XCTAssertEqual(report.social.misses, 1)
    }
}
