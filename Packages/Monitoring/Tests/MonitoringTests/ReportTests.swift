import Foundation
import XCTest

@testable import Monitoring

final class ReportTests: XCTestCase {
    private func snapshot(error: String? = nil) -> MonitorSnapshot {
        let email = Fixtures.sample(queue: "email", counts: JobCounts(waiting: 2000))
        let alert = Alert(
            alert: .maxWaitingJobs, subject: "email", severity: .warning, value: 2000, threshold: 1000, message: "m",
            sinceMs: 0)
        return MonitorSnapshot(
            queues: ["email", "posts"], latest: ["email": email], summaries: ["email": HistorySummary([email])],
            redis: Fixtures.redis, lastError: error, lastAttemptMs: 5, lastSuccessMs: 1_763_603_817_776,
            lastDurationMs: 2,
            collections: 3, failures: error == nil ? 0 : 1, alerts: [alert])
    }

    func testQueueMetricsListEveryQueueWithLatestSummaryAndAlerts() throws {
        let report = QueueMetricsReport(snapshot(), nowMs: 0)
        XCTAssertEqual(report.queues.map(\.queue), ["email", "posts"])
        XCTAssertEqual(report.queues[0].latest?.counts.waiting, 2000)
        XCTAssertEqual(report.queues[0].summary?.samples, 1)
        XCTAssertEqual(report.queues[0].alerts.map(\.alert), [.maxWaitingJobs])
        XCTAssertNil(report.queues[1].latest, "monitored but not collected yet")
        XCTAssertEqual(report.alerts.count, 1)
        XCTAssertTrue(report.collection.ok)
        XCTAssertEqual(report.collection.lastSuccess, "2025-11-20T01:56:57.776Z")
        // The served field names (Apps/monitoring-api/README.md, the system tests).
        XCTAssertEqual(try keys(report), ["alerts", "collection", "queues", "redis", "timestamp"])
        XCTAssertEqual(try keys(report.queues[0]), ["alerts", "latest", "queue", "summary"])
        XCTAssertEqual(
            try keys(report.collection), ["collections", "durationMs", "failures", "lastSuccess", "ok"])
    }

    func testOneQueueHasItsHistoryAndAnUnknownQueueHasNoReport() throws {
        let email = try XCTUnwrap(snapshot().latest["email"])
        let report = try XCTUnwrap(QueueDetailReport(snapshot(), queue: "email", history: [email], nowMs: 0))
        XCTAssertEqual(report.history, [email])
        XCTAssertEqual(report.alerts.map(\.alert), [.maxWaitingJobs])
        XCTAssertEqual(
            try keys(report), ["alerts", "collection", "history", "latest", "queue", "summary", "timestamp"])
        XCTAssertNil(QueueDetailReport(snapshot(), queue: "nope", history: []))
    }

    func testQueueHealthIsDegradedByAlertsAndUnhealthyWhenCollectionFails() throws {
        let degraded = QueueHealthReport(snapshot(), nowMs: 0)
        XCTAssertEqual(degraded.status, .degraded)
        XCTAssertEqual(degraded.httpStatus, 200)
        XCTAssertEqual(degraded.queues.first?.alerts.count, 1)
        XCTAssertEqual(
            try keys(degraded),
            ["collection", "healthy", "queues", "redis", "redisAlerts", "status", "timestamp"])
        let failed = QueueHealthReport(snapshot(error: "Redis 127.0.0.1:1: connection refused"), nowMs: 0)
        XCTAssertEqual(failed.status, .unhealthy)
        XCTAssertEqual(failed.httpStatus, 503)
        XCTAssertEqual(failed.reason, "Redis 127.0.0.1:1: connection refused")
        XCTAssertEqual(failed.collection.error, "Redis 127.0.0.1:1: connection refused")
        XCTAssertFalse(failed.healthy)
    }

    func testReportsReadBackWhatTheyWrite() throws {
        let report = QueueMetricsReport(snapshot(), nowMs: 0)
        let data = try MonitoringJSON.makeEncoder().encode(report)
        XCTAssertEqual(try JSONDecoder().decode(QueueMetricsReport.self, from: data), report)
    }

    func testQueueHealthReadsBackAndReadsAnOlderServersEntryWithoutTheNewerFields() throws {
        let health = try XCTUnwrap(QueueHealthReport(snapshot(), nowMs: 0).queues.first)
        let data = try MonitoringJSON.makeEncoder().encode(health)
        XCTAssertEqual(try JSONDecoder().decode(QueueHealth.self, from: data), health)
        var older = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for field in ["workers", "legacyPausedJobs", "notes"] { older.removeValue(forKey: field) }
        let decoded = try JSONDecoder().decode(
            QueueHealth.self, from: try JSONSerialization.data(withJSONObject: older))
        XCTAssertEqual(decoded.queue, health.queue)
        XCTAssertNil(decoded.workers)
        XCTAssertEqual(decoded.legacyPausedJobs, 0)
        XCTAssertEqual(decoded.notes, [])
        older.removeValue(forKey: "waiting")
        XCTAssertThrowsError(
            try JSONDecoder().decode(QueueHealth.self, from: try JSONSerialization.data(withJSONObject: older)),
            "a field every server wrote is still required")
    }

    /// The top-level JSON keys of `value` as the API writes it.
    private func keys(_ value: some Encodable) throws -> Set<String> {
        let data = try MonitoringJSON.makeEncoder().encode(value)
        return Set(try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys)
    }
}
