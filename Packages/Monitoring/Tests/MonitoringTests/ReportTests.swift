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

    func testQueueMetricsListEveryQueueWithLatestHistoryAndAlerts() throws {
        let report = QueueMetricsReport(snapshot(), nowMs: 0)
        XCTAssertEqual(report.queues.map(\.queue), ["email", "posts"])
        XCTAssertEqual(report.queues[0].latest?.counts.waiting, 2000)
        XCTAssertEqual(report.queues[0].history?.samples, 1)
        XCTAssertEqual(report.queues[0].alerts.map(\.alert), [.maxWaitingJobs])
        XCTAssertNil(report.queues[1].latest, "monitored but not collected yet")
        XCTAssertTrue(report.collection.ok)
        XCTAssertEqual(report.collection.lastSuccess, "2025-11-20T01:56:57.776Z")
        XCTAssertNoThrow(try MonitoringJSON.makeEncoder().encode(report))
    }

    func testUnknownQueueIsAnErrorNamingTheMonitoredOnes() {
        XCTAssertThrowsError(try snapshot().metrics(of: "nope")) { error in
            let error = error as? MonitoringError
            XCTAssertEqual(error?.code, .unknownQueue)
            XCTAssertTrue(error?.message.contains("email, posts") == true)
        }
    }

    func testQueueHealthIsDegradedByAlertsAndUnhealthyWhenCollectionFails() {
        let degraded = QueueHealthReport(snapshot(), nowMs: 0)
        XCTAssertEqual(degraded.status, .degraded)
        XCTAssertEqual(degraded.httpStatus, 200)
        XCTAssertEqual(degraded.queues.first?.alerts.count, 1)
        let failed = QueueHealthReport(snapshot(error: "Redis 127.0.0.1:1: connection refused"), nowMs: 0)
        XCTAssertEqual(failed.status, .unhealthy)
        XCTAssertEqual(failed.httpStatus, 503)
        XCTAssertEqual(failed.reason, "Redis 127.0.0.1:1: connection refused")
        XCTAssertFalse(failed.healthy)
    }
}
