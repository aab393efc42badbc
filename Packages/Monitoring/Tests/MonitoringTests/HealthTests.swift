import Foundation
import XCTest

@testable import Monitoring

final class HealthTests: XCTestCase {
    private let calm = HealthModel.AIModelsState.measured(
        social: CacheUtilization(current: 0, max: 100), advertising: CacheUtilization(current: 0, max: 50), alerts: [])

    private func alert(_ rule: AlertRule, _ subject: String, _ severity: AlertSeverity) -> Alert {
        Alert(alert: rule, subject: subject, severity: severity, value: 1, threshold: 0, message: "m", sinceMs: 0)
    }

    private func status(queueAlerts: [Alert] = [], cacheAlerts: [Alert] = []) -> HealthStatus {
        let queues = HealthModel.QueuesState.collected(
            samples: [Fixtures.sample(queue: "email"), Fixtures.sample(queue: "posts")], redis: Fixtures.redis,
            alerts: queueAlerts)
        let ai = HealthModel.AIModelsState.measured(
            social: CacheUtilization(current: 95, max: 100), advertising: CacheUtilization(current: 0, max: 50),
            alerts: cacheAlerts)
        return HealthModel.systemHealth(queues: queues, aiModels: ai, nowMs: 0).status
    }

    func testStatusFollowsTheWorstAlertAndInfoChangesNothing() {
        XCTAssertEqual(status(), .healthy)
        XCTAssertEqual(status(cacheAlerts: [alert(.cacheUtilization, "social", .info)]), .healthy)
        XCTAssertEqual(status(queueAlerts: [alert(.maxWaitingJobs, "email", .warning)]), .degraded)
        XCTAssertEqual(status(queueAlerts: [alert(.maxRedisLatency, "redis", .warning)]), .degraded)
        XCTAssertEqual(status(cacheAlerts: [alert(.cacheHitRate, "social", .warning)]), .degraded)
        XCTAssertEqual(status(cacheAlerts: [alert(.cacheMemory, "process", .critical)]), .unhealthy)
        XCTAssertEqual(
            status(queueAlerts: [alert(.maxStalledJobs, "posts", .critical), alert(.maxWaitingJobs, "email", .warning)]
            ),
            .unhealthy)
    }

    func testFailedOrPendingCollectionIsUnhealthyWithTheReasonNeverHealthy() {
        let failed = HealthModel.systemHealth(
            queues: .failed(reason: "Redis at 127.0.0.1:1 refused the connection", lastSamples: [Fixtures.sample()]),
            aiModels: calm, nowMs: 0)
        XCTAssertFalse(failed.healthy)
        XCTAssertEqual(failed.status, .unhealthy)
        XCTAssertEqual(failed.httpStatus, 503)
        XCTAssertEqual(failed.components.queues.reason, "Redis at 127.0.0.1:1 refused the connection")
        XCTAssertEqual(failed.components.queues.details.map(\.queue), ["email"])
        let pending = HealthModel.systemHealth(queues: .pending, aiModels: calm, nowMs: 0)
        XCTAssertEqual(pending.status, .unhealthy)
        XCTAssertNotNil(pending.components.queues.reason)
        let noTelemetry = HealthModel.systemHealth(
            queues: .collected(samples: [], redis: Fixtures.redis, alerts: []),
            aiModels: .unavailable(reason: "no worker published telemetry"), nowMs: 0)
        XCTAssertEqual(noTelemetry.status, .unhealthy)
    }

    func testStatusMapsToHttpAndExitCodes() {
        XCTAssertEqual(HealthStatus.allCases.map(\.httpStatus), [200, 200, 503])
        XCTAssertEqual(HealthStatus.allCases.map(\.exitCode), [0, 1, 2])
    }

    func testQueueDetailsCarryOnlyTheirOwnAlerts() {
        let queues = HealthModel.queues(
            .collected(
                samples: [
                    Fixtures.sample(queue: "posts", counts: JobCounts(waiting: 7, prioritized: 3)),
                    Fixtures.sample(queue: "email"),
                ],
                redis: Fixtures.redis,
                alerts: [alert(.maxWaitingJobs, "posts", .warning), alert(.maxRedisLatency, "redis", .warning)]))
        XCTAssertEqual(queues.details.map(\.queue), ["email", "posts"])
        XCTAssertEqual(queues.details.map(\.status), [.healthy, .degraded])
        XCTAssertEqual(queues.details[1].waiting, 10)
        XCTAssertEqual(queues.details[1].alerts.map(\.alert), [.maxWaitingJobs])
        XCTAssertEqual(queues.alerts.map(\.alert), [.maxRedisLatency])
    }

    func testAnUnreachableWorkersDatabaseMakesThePostsComponentAndTheSystemUnhealthyWithTheReason() throws {
        let queues = HealthModel.QueuesState.collected(samples: [Fixtures.sample()], redis: Fixtures.redis, alerts: [])
        let ai = HealthModel.AIModelsState.measured(
            social: CacheUtilization(current: 0, max: 8), advertising: CacheUtilization(current: 0, max: 50), alerts: []
        )
        let down = HealthModel.systemHealth(
            queues: queues, aiModels: ai, posts: .unavailable(reason: "PostgreSQL connect on 127.0.0.1:1 failed"),
            nowMs: 0)
        XCTAssertEqual(down.status, .unhealthy)
        XCTAssertEqual(down.httpStatus, 503)
        XCTAssertEqual(down.components.posts?.reason, "PostgreSQL connect on 127.0.0.1:1 failed")
        let up = HealthModel.systemHealth(queues: queues, aiModels: ai, posts: .ready, nowMs: 0)
        XCTAssertEqual(up.status, .healthy)
        XCTAssertEqual(up.components.posts, SystemHealth.Posts(healthy: true, status: .healthy, reason: nil))
        // Without workers there is no posts component, and the JSON has none.
        let none = HealthModel.systemHealth(queues: queues, aiModels: ai, nowMs: 0)
        let object = try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(none)) as? [String: Any])
        XCTAssertNil((object["components"] as? [String: Any])?["posts"])
        XCTAssertEqual(
            try JSONDecoder().decode(SystemHealth.self, from: MonitoringJSON.makeEncoder().encode(down)), down)
    }

    func testJsonHasTheSpecShape() throws {
        let health = HealthModel.systemHealth(
            queues: .collected(samples: [Fixtures.sample()], redis: Fixtures.redis, alerts: []),
            aiModels: .measured(
                social: CacheUtilization(current: 1, max: 8), advertising: CacheUtilization(current: 0, max: 50),
                alerts: []),
            nowMs: 1_763_603_817_776)
        let object = try XCTUnwrap(
            JSONSerialization.jsonObject(with: MonitoringJSON.makeEncoder().encode(health)) as? [String: Any])
        XCTAssertEqual(object["healthy"] as? Bool, true)
        XCTAssertEqual(object["status"] as? String, "healthy")
        XCTAssertEqual(object["timestamp"] as? String, "2025-11-20T01:56:57.776Z")
        let components = try XCTUnwrap(object["components"] as? [String: Any])
        let queues = try XCTUnwrap(components["queues"] as? [String: Any])
        XCTAssertEqual(queues["healthy"] as? Bool, true)
        XCTAssertEqual((queues["details"] as? [Any])?.count, 1)
        let ai = try XCTUnwrap(components["aiModels"] as? [String: Any])
        XCTAssertEqual(ai["healthy"] as? Bool, true)
        let social = try XCTUnwrap(ai["social"] as? [String: Any])
        XCTAssertEqual(social["current"] as? Int, 1)
        XCTAssertEqual(social["max"] as? Int, 8)
        XCTAssertEqual(social["utilizationPercent"] as? String, "12.5")
        XCTAssertEqual((ai["advertising"] as? [String: Any])?["utilizationPercent"] as? String, "0.0")
    }
}
