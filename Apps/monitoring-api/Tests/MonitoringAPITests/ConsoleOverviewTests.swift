import Monitoring
import ScheduledPosts
import XCTest

@testable import monitoring_api

/// The overview's pure parts: a queue's status from its alerts, post counts.
final class ConsoleOverviewTests: XCTestCase {
    func testAQueuesStatusIsItsWorstAlertAndUnknownWithoutACurrentSample() {
        func alert(_ severity: AlertSeverity) -> Alert {
            Alert(
                alert: .maxWaitingJobs, subject: "q", severity: severity, value: 2, threshold: 1, message: "m",
                sinceMs: 0)
        }
        XCTAssertEqual(ConsoleOverview.status(alerts: [], current: true), "healthy")
        XCTAssertEqual(ConsoleOverview.status(alerts: [alert(.info)], current: true), "healthy")
        XCTAssertEqual(ConsoleOverview.status(alerts: [alert(.warning), alert(.info)], current: true), "warning")
        XCTAssertEqual(ConsoleOverview.status(alerts: [alert(.warning), alert(.critical)], current: true), "critical")
        XCTAssertEqual(ConsoleOverview.status(alerts: [alert(.critical)], current: false), "unknown")
    }

    func testSparklineRatesAreRoundedToWhatAChartShows() {
        XCTAssertEqual(ConsoleOverview.rounded(0.123456, 4), 0.1235)
        XCTAssertEqual(ConsoleOverview.rounded(12.3456, 2), 12.35)
        XCTAssertEqual(ConsoleOverview.rounded(0, 2), 0)
    }

    func testPostsCountQueuedAsScheduledAndMissingStatusesAsZero() {
        let posts = ConsoleOverview.Posts([.scheduled: 2, .queued: 3, .failed: 1])
        XCTAssertEqual(posts.scheduled, 5)
        XCTAssertEqual(posts.published, 0)
        XCTAssertEqual(posts.failed, 1)
        XCTAssertEqual(posts.cancelled, 0)
    }
}
