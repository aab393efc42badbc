import AIModelCache
import Foundation
import PrivateServices
import QueueCoreTestSupport
import RedisClient
import XCTest

@testable import Monitoring

final class FleetTelemetryTests: XCTestCase {
    private func input(current: Int, hits: UInt64, misses: UInt64, loads: UInt64, residentMB: Double) -> AIModelsInput {
        let memory = ProcessMemory(heapUsedMB: 1, residentMB: residentMB)
        return AIModelsInput(
            social: .fixture(current: current, max: 100, hits: hits, misses: misses, loads: loads, memory: memory),
            advertising: .fixture(
                name: "advertising", current: 0, max: 50, hits: 0, misses: 0, loads: 0, memory: memory),
            memory: memory,
            recentEvictions: [
                EvictionRecord(
                    userId: "u\(current)", modelType: "social", reason: .lru, idleTimeMs: 5,
                    timestamp: Date(timeIntervalSince1970: Double(current)))
            ])
    }

    func testFleetAddsCountsRecomputesRatesAndMergesEvictions() throws {
        let a = input(current: 10, hits: 30, misses: 10, loads: 10, residentMB: 100)
        let b = input(current: 30, hits: 10, misses: 30, loads: 30, residentMB: 1900)
        let fleet = try XCTUnwrap(AIModelsInput.fleet([a, b]))
        XCTAssertEqual(fleet.social.currentSize, 40)
        XCTAssertEqual(fleet.social.maxSize, 200)
        XCTAssertEqual(fleet.social.utilizationPercent, 20)
        XCTAssertEqual(fleet.social.hitRatePercent, 50)
        XCTAssertEqual(fleet.social.totalLoads, 40)
        XCTAssertEqual(fleet.social.averageLoadTimeMs, 12.5)
        XCTAssertEqual(fleet.social.evictions.lru, 2)
        XCTAssertEqual(fleet.memory.residentMB, 2000)
        XCTAssertEqual(fleet.recentEvictions.map(\.userId), ["u10", "u30"])
        XCTAssertEqual(AIModelsInput.largestProcessMemory(of: [a, b])?.residentMB, 1900)
        XCTAssertNil(AIModelsInput.fleet([]))
    }

    func testWorkersPublishWithATtlAndTheApiReadsTheFleet() async throws {
        let redis = try RedisTests.client(url: try TestServices.redisURL())
        let store = ModelTelemetryStore(client: redis, namespace: TestServices.uniqueName("ai"))
        try await store.publish(input(current: 10, hits: 1, misses: 1, loads: 1, residentMB: 100), instance: "w1")
        try await store.publish(input(current: 20, hits: 1, misses: 1, loads: 1, residentMB: 1500), instance: "w2")
        try await store.publish(
            input(current: 99, hits: 1, misses: 1, loads: 1, residentMB: 1), instance: "gone", ttl: .milliseconds(100))
        try await redis.send(["SET", "\(store.namespace):broken", "not json"])
        await expectEventually("the short-lived entry expires", timeout: .seconds(5)) {
            (try? await store.readAll().keys.sorted()) == ["w1", "w2"]
        }
        let telemetry = AIModelTelemetry(configuration: MonitoringConfiguration(), sink: RecordingAlertSink())
        let inputs = try await store.readAll()
        let fleetReport = await telemetry.fleetReport(inputs, nowMs: 0)
        let report = try XCTUnwrap(fleetReport)
        XCTAssertEqual(report.instances, 2)
        XCTAssertEqual(report.social.currentSize, 30)
        // 1600 MB in all, but no single process is above 2048 MB: no memory alert.
        XCTAssertEqual(report.memory.residentMB, 1600)
        XCTAssertTrue(report.alerts.isEmpty)
        let empty = await telemetry.fleetReport([:])
        XCTAssertNil(empty)
        let published = input(current: 10, hits: 1, misses: 1, loads: 1, residentMB: 100)
        XCTAssertEqual(inputs["w1"]?.recentEvictions, published.recentEvictions)
        // A graceful stop removes the instance at once; the others stay.
        try await store.remove(instance: "w2")
        let remaining = try await store.readAll()
        XCTAssertEqual(remaining.keys.sorted(), ["w1"])
        await redis.close()
    }
}
