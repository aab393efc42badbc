import AIModelCache
import Foundation
import XCTest

@testable import Monitoring

final class AIModelTelemetryTests: XCTestCase {
    private struct Model: CacheableModel {
        var estimatedBytes: Int { 1_048_576 }
    }

    func testReportFromARealManagerCarriesTheSpecFieldsAndEvictions() async throws {
        var configuration = ModelCacheManager<Model, Model>.Configuration()
        configuration.social.maxEntries = 2
        let manager = try ModelCacheManager<Model, Model>(configuration: configuration)
        for user in ["u1", "u2", "u3", "u1"] {
            _ = try await manager.social.model(for: user) { _ in Model() }
        }
        let input = await AIModelsInput(manager: manager)
        let sink = RecordingAlertSink()
        let telemetry = AIModelTelemetry(configuration: MonitoringConfiguration(), sink: sink)
        let report = await telemetry.report(input, nowMs: 1_763_603_817_776)
        XCTAssertEqual(report.social.currentSize, 2)
        XCTAssertEqual(report.social.maxSize, 2)
        XCTAssertEqual(report.advertising.maxSize, 50)
        XCTAssertGreaterThanOrEqual(report.social.totalEvictions, 1)
        XCTAssertEqual(report.recentEvictions.first?.reason, .lru)
        XCTAssertEqual(report.memory.estimatedModelMB, 2)
        // 2 of 2 is above 90%: the info alert fires, logged once, health unchanged.
        XCTAssertEqual(report.alerts.map(\.alert), [.cacheUtilization])
        XCTAssertEqual(report.status, .healthy)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired])
        _ = await telemetry.report(input, nowMs: 1_763_603_818_000)
        XCTAssertEqual(sink.transitions.count, 1, "still firing: logged once")

        let object = try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(report)) as? [String: Any])
        let social = try XCTUnwrap(object["social"] as? [String: Any])
        for field in ["currentSize", "maxSize", "totalLoads", "totalEvictions", "hitRatePercent", "averageLoadTimeMs"] {
            XCTAssertNotNil(social[field], field)
        }
        let memory = try XCTUnwrap(object["memory"] as? [String: Any])
        for field in ["heapUsedMB", "estimatedModelMB", "totalEstimatedMB"] { XCTAssertNotNil(memory[field], field) }
        let eviction = try XCTUnwrap((object["recentEvictions"] as? [[String: Any]])?.first)
        for field in ["userId", "modelType", "reason", "idleTimeMs", "timestamp"] {
            XCTAssertNotNil(eviction[field], field)
        }
        // The eviction's time is an instant like every other: ISO 8601 UTC with ms, not seconds since 2001.
        let evictedAt = try XCTUnwrap(eviction["timestamp"] as? String, "\(eviction)")
        let evictedMs = try XCTUnwrap(MonitoringJSON.milliseconds(fromTimestamp: evictedAt), evictedAt)
        XCTAssertTrue(evictedAt.hasSuffix("Z") && evictedAt.count == 24, evictedAt)
        XCTAssertEqual(
            Double(evictedMs), try XCTUnwrap(report.recentEvictions.first).timestamp.timeIntervalSince1970 * 1000,
            accuracy: 1)
        XCTAssertEqual(object["timestamp"] as? String, "2025-11-20T01:56:57.776Z")
    }

    func testAlertsFireAndResolveAndDriveHealth() async {
        let sink = RecordingAlertSink()
        let telemetry = AIModelTelemetry(configuration: MonitoringConfiguration(), sink: sink)
        func input(hits: UInt64, misses: UInt64, residentMB: Double) -> AIModelsInput {
            let memory = ProcessMemory(heapUsedMB: 1, residentMB: residentMB)
            return AIModelsInput(
                social: .fixture(current: 1, max: 100, hits: hits, misses: misses, loads: misses, memory: memory),
                advertising: .fixture(
                    name: "advertising", current: 0, max: 50, hits: 0, misses: 0, loads: 0, memory: memory),
                memory: memory, recentEvictions: [])
        }
        let degraded = await telemetry.report(input(hits: 5, misses: 25, residentMB: 100), nowMs: 1)
        XCTAssertEqual(degraded.status, .degraded)
        XCTAssertEqual(degraded.alerts.map(\.alert), [.cacheHitRate])
        let critical = await telemetry.report(input(hits: 5, misses: 25, residentMB: 3000), nowMs: 2)
        XCTAssertEqual(critical.status, .unhealthy)
        XCTAssertEqual(critical.alerts.first?.alert, .cacheMemory)
        let calm = await telemetry.report(input(hits: 100, misses: 25, residentMB: 100), nowMs: 3)
        XCTAssertEqual(calm.status, .healthy)
        XCTAssertEqual(sink.transitions.map(\.kind), [.fired, .fired, .resolved, .resolved])
        let latest = await telemetry.latest
        XCTAssertEqual(latest, calm)
    }
}
