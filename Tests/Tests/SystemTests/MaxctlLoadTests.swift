import Foundation
import PrivateServices
import XCTest

/// `bin/maxctl load`, compressed: 20 users at one then two `monitoring-api --workers-only` processes against the
/// test Redis and a fresh PostgreSQL database, its own API tier and webhook receiver; every post accounted for
/// by the tool and, independently, by the database.
final class MaxctlLoadTests: XCTestCase {
    private func maxctl(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> CommandResult {
        try await offPool("maxctl-load") {
            try CommandRunner.run(
                SystemProcess.binary("maxctl"), ["load"] + arguments,
                removing: ["REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN", "DATABASE_URL"],
                timeout: timeout)
        }
    }

    func testTwentyUsersAtOneAndTwoWorkerProcessesPublishEveryPostOnce() async throws {
        let database = try TestServices.makeDatabase(prefix: "load")
        let logs = NSTemporaryDirectory() + TestServices.uniqueName("load-logs")
        let result = try await maxctl(
            [
                "--users", "20", "--workers", "1,2", "--duration", "4s", "--backlog", "20", "--think", "1s", "--json",
                "--redis", try TestServices.redisURL(), "--database", database, "--logs", logs,
                "--monitoring-api", SystemProcess.binary("monitoring-api"),
            ], timeout: .seconds(150))
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        let tag = try XCTUnwrap(report["tag"] as? String)
        let steps = try XCTUnwrap(report["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["workers"] as? Int }, [1, 2])
        var acknowledgedInAll = 0
        for step in steps {
            let posts = try XCTUnwrap(step["posts"] as? [String: Any])
            let acknowledged = try XCTUnwrap(posts["acknowledged"] as? Int)
            XCTAssertGreaterThan(acknowledged, 20, "the drain's 20+ posts and the users' posts")
            XCTAssertEqual(posts["publishedOnce"] as? Int, acknowledged)
            XCTAssertEqual((posts["lost"] as? [Any])?.count, 0)
            XCTAssertEqual((posts["publishedTwice"] as? [String: Any])?.count, 0)
            XCTAssertEqual((step["errors"] as? [String: Any])?.count, 0, "\(step["errors"] ?? "")")
            acknowledgedInAll += acknowledged
            let drain = try XCTUnwrap(step["drain"] as? [String: Any])
            XCTAssertEqual(drain["finished"] as? Bool, true)
            XCTAssertEqual(drain["posts"] as? Int, 20 * (step["workers"] as? Int ?? 0))
            // 20 users through a cache of 10 (half the users): evictions, and the LRU replay predicts a hit rate.
            let cache = try XCTUnwrap(step["cache"] as? [String: Any])
            XCTAssertEqual(cache["capacity"] as? Int, 10)
            XCTAssertGreaterThan(cache["evictions"] as? Int ?? 0, 0, "\(cache)")
            XCTAssertNotNil(cache["predictedHitRate"], "\(cache)")
            let latency = try XCTUnwrap(step["latency"] as? [String: Any])
            XCTAssertNotNil(latency["GET /api/users/{userId}/suggested-time"])
            XCTAssertNotNil(latency["POST /api/ads/optimize"])
            let processes = try XCTUnwrap(step["processes"] as? [[String: Any]])
            XCTAssertEqual(
                Set(processes.compactMap { $0["process"] as? String }),
                Set(["api"] + (1...(step["workers"] as? Int ?? 0)).map { "worker-\($0)" }))
        }
        XCTAssertNotNil(steps[1]["scalingEfficiency"] as? Double)
        // The database, asked directly: every post of the run published, each exactly once.
        let psql = try XCTUnwrap(Executables.find("psql"))
        let counts = try ChildProcess.run([
            psql, "-X", "-At", "-F", " ", "-d", database, "-c",
            """
            SELECT count(*) FILTER (WHERE p.status = 'published'),
                   count(*) FILTER (WHERE (SELECT count(*) FROM publications u WHERE u.post_id = p.id) <> 1)
            FROM scheduled_posts p WHERE p.content LIKE '\(tag)-%'
            """,
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(counts, "\(acknowledgedInAll) 0")
    }

    func testBadArgumentsExitThreeAndAnUnreachableDatabaseExitsTwo() async throws {
        for (arguments, message) in [
            (["--users", "0"], "--users"), (["--users", "5", "--duration", "-1s"], "--duration"),
            (["--users", "5", "--workers", "1,0"], "--workers"), (["--duration", "5s"], "--users"),
            (["--users", "5", "--backlog", "x"], "--backlog"),
        ] {
            let result = try await maxctl(arguments)
            XCTAssertEqual(result.status, 3, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        let closed = 1  // nothing listens on port 1
        let unreachable = try await maxctl([
            "--users", "2", "--redis", try TestServices.redisURL(),
            "--database", "postgres://postgres@127.0.0.1:\(closed)/nothing", "--monitoring-api",
            SystemProcess.binary("monitoring-api"),
        ])
        XCTAssertEqual(unreachable.status, 2, unreachable.stderr)
        XCTAssertTrue(unreachable.stderr.contains("cannot be reached"), unreachable.stderr)
    }
}
