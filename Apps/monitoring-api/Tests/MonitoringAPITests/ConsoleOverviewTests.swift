import Monitoring
import ScheduledPosts
import XCTest

@testable import monitoring_api

/// The overview's pure parts: thinning a series, a queue's status from its alerts, post counts.
final class ConsoleOverviewTests: XCTestCase {
    func testThinningKeepsBothEndsAndSpacesTheRestEvenly() {
        XCTAssertEqual(Downsampling.indices(count: 5, points: 60), [0, 1, 2, 3, 4])
        XCTAssertEqual(Downsampling.indices(count: 0, points: 60), [])
        XCTAssertEqual(Downsampling.indices(count: 100, points: 2), [0, 99])
        XCTAssertEqual(Downsampling.indices(count: 101, points: 5), [0, 25, 50, 75, 100])
        for count in 1...300 {
            for points in [2, 3, 7, 60, 100] {
                let picked = Downsampling.indices(count: count, points: points)
                XCTAssertEqual(picked.count, min(count, points), "\(count) → \(points)")
                XCTAssertEqual(picked.first, 0)
                XCTAssertEqual(picked.last, count - 1)
                XCTAssertEqual(picked, picked.sorted(), "ascending")
                XCTAssertEqual(Set(picked).count, picked.count, "no index twice")
            }
        }
        XCTAssertEqual(Downsampling.thin(Array(10..<20), points: 3), [10, 15, 19])
    }

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

    func testPostsCountQueuedAsScheduledAndMissingStatusesAsZero() {
        let posts = ConsoleOverview.Posts([.scheduled: 2, .queued: 3, .failed: 1])
        XCTAssertEqual(posts.scheduled, 5)
        XCTAssertEqual(posts.published, 0)
        XCTAssertEqual(posts.failed, 1)
        XCTAssertEqual(posts.cancelled, 0)
    }
}
