import Foundation
import PostgresClient
import PrivateServices
import ScheduledPosts
import XCTest

@testable import Chaos

/// The soak end to end, short and with every disturber at a high rate: real `bin/maxctl worker` processes
/// SIGKILLed, the posts' PostgreSQL crashed both ways, Redis SIGKILLed and restarted with AOF `always`, the real
/// monitoring-api scheduling and publishing posts; and the posts checker failing on a lost post.
final class SoakTests: XCTestCase {
    func testAShortSoakWithEveryDisturberLosesNoJobAndNoPost() async throws {
        let plan = SoakPlan(
            duration: .seconds(30), workerKillEvery: .seconds(2), postgresCrashEvery: .seconds(5),
            redisKillEvery: .seconds(9))
        let (report, output) = try await runScenarios([SoakScenario(plan: plan)])
        let soak = try XCTUnwrap(report.scenarios.first, output)
        XCTAssertTrue(soak.verdict.passed, "\(soak.verdict.failures)\n\(output)")

        let kinds = Dictionary(grouping: soak.evidence.disturbances, by: \.kind).mapValues(\.count)
        XCTAssertGreaterThan(kinds["worker SIGKILL"] ?? 0, 0, output)
        XCTAssertGreaterThan(kinds["postgres stop -m immediate"] ?? 0, 0, output)
        XCTAssertGreaterThan(kinds["postgres SIGKILL"] ?? 0, 0, output)
        XCTAssertGreaterThan(kinds["redis SIGKILL"] ?? 0, 0, output)
        let jobs = try XCTUnwrap(soak.evidence.accounting)
        XCTAssertGreaterThan(jobs.acknowledged, 0)
        XCTAssertEqual(jobs.completed, jobs.acknowledged)
        let posts = try XCTUnwrap(soak.evidence.posts)
        XCTAssertGreaterThan(posts.acknowledged, 0)
        XCTAssertEqual(posts.publishedOnce, posts.acknowledged, output)
        XCTAssertEqual(soak.evidence.resources.map(\.process), ["monitoring-api"])
        XCTAssertTrue(ProcessRegistry.shared.live.isEmpty)
    }

    /// The posts checker against a real posts database: a post acknowledged and never published is lost, one
    /// in the database that nobody acknowledged is unexpected, and either fails the accounting.
    func testThePostsCheckerFailsOnALostPostAndAnUnexpectedOne() async throws {
        let url = try await offPool { try TestServices.makeDatabase(prefix: "chaos-posts") }
        let database = try PostgresClient(configuration: .init(url: url, poolSize: 1))
        defer { database.close() }
        let store = ScheduledPostStore(database: database)
        try await store.migrate()
        let tag = "soak-\(UUID().uuidString.prefix(6))"
        var stored: [ScheduledPost] = []
        for index in 0..<4 {
            stored.append(
                try await store.insert(
                    NewPost(
                        userID: "u", platform: "instagram", content: "\(tag)-\(index)",
                        scheduledAt: Date().addingTimeInterval(60))))
        }
        for post in stored.prefix(2) {
            let marked = try await store.markPublished(
                id: post.id, version: post.jobVersion,
                publication: Publication(publisher: "test", externalID: "x-\(post.id)"), predictedEngagement: nil)
            XCTAssertTrue(marked)
        }
        // Posts 0–2 acknowledged; 2 was never published (lost); 3 was never acknowledged (unexpected).
        let acknowledged = stored.prefix(3).map { PostsProducer.Acknowledged(id: $0.id, content: $0.content) }
        let rows = try await PostAccounting.rows(tag: tag, database: database)
        XCTAssertEqual(rows.map(\.publications), [1, 1, 0, 0])
        let accounting = PostAccounting.account(rows: rows, acknowledged: acknowledged, inDoubt: [])
        XCTAssertEqual(accounting.publishedOnce, 2)
        XCTAssertEqual(accounting.lost, [stored[2].id])
        XCTAssertEqual(accounting.unexpected, [stored[3].id])
        XCTAssertEqual(accounting.failures.count, 2, "\(accounting.failures)")

        // The same post's content among the in-doubt requests is found, not unexpected.
        let inDoubt = PostAccounting.account(rows: rows, acknowledged: acknowledged, inDoubt: ["\(tag)-3"])
        XCTAssertEqual(inDoubt.unexpected, [])
        XCTAssertEqual(inDoubt.inDoubtFound, 1)
    }
}
