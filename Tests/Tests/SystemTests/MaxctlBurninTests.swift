import Chaos
import Foundation
import PrivateServices
import XCTest

/// `bin/maxctl burnin`, compressed to seconds against the test Redis and a fresh PostgreSQL database: both
/// report files with every chart and a verdict; a burn-in SIGKILLed midway and resumed keeps its samples and
/// still accounts for every post.
final class MaxctlBurninTests: XCTestCase {
    private func arguments(report: String, database: String, duration: String) throws -> [String] {
        [
            "burnin", "--duration", duration, "--interval", "2s", "--rate", "4", "--users", "8", "--workers", "1",
            "--report", report, "--redis", try TestServices.redisURL(), "--database", database,
            "--monitoring-api", try SystemProcess.binary("monitoring-api"),
        ]
    }

    private func maxctl(_ arguments: [String]) async throws -> CommandResult {
        try await offPool("maxctl-burnin") {
            try CommandRunner.run(
                try SystemProcess.binary("maxctl"), arguments,
                removing: ["REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN", "DATABASE_URL"],
                timeout: .seconds(150))
        }
    }

    private func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    private func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func testAShortBurnInWritesBothReportsWithEveryChartAndAVerdict() async throws {
        let database = try await offPool("makeDatabase") { try TestServices.makeDatabase(prefix: "burnin") }
        let report = NSTemporaryDirectory() + TestServices.uniqueName("burnin")
        let result = try await maxctl(try arguments(report: report, database: database, duration: "16s"))
        // The verdict may fail on a loaded machine (API p99); the files and the accounting may not.
        XCTAssertTrue([0, 1].contains(result.status), result.stderr)
        let document = try json(report + "/report.json")
        let criteria = try XCTUnwrap((document["verdict"] as? [String: Any])?["criteria"] as? [[String: Any]])
        XCTAssertEqual(
            criteria.compactMap { $0["name"] as? String },
            ["publications", "failed rate", "API p99", "end to end p99", "memory", "Redis reconnects"])
        XCTAssertEqual(criteria.first?["passed"] as? Bool, true, "\(criteria.first ?? [:])")
        XCTAssertGreaterThanOrEqual(document["samples"] as? Int ?? 0, 6)
        XCTAssertGreaterThanOrEqual(lines(report + "/samples.jsonl").count, 6)
        let page = try String(contentsOfFile: report + "/report.html", encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "<svg ").count - 1, 10, "one chart per figure")
        for title in ["API latency", "Job failure rate", "Model cache hit rate", "Resident memory", "Redis round trip"]
        {
            XCTAssertTrue(page.contains(title), title)
        }
        XCTAssertTrue(page.contains("Verdict:"))
        XCTAssertFalse(page.contains("<script"), "the report runs no script")
    }

    func testABurnInKilledMidwayAndResumedKeepsItsSamplesAndEveryPost() async throws {
        let database = try await offPool("makeDatabase") { try TestServices.makeDatabase(prefix: "resume") }
        let report = NSTemporaryDirectory() + TestServices.uniqueName("resume")
        let process = ManagedProcess(
            name: "burnin",
            arguments: [try SystemProcess.binary("maxctl")]
                + (try arguments(
                    report: report, database: database, duration: "24s")),
            logPath: NSTemporaryDirectory() + TestServices.uniqueName("burnin-log"))
        _ = try await offPool("start") { try process.start() }
        let sampled = try await MonitoringPoll.until("three samples written") {
            let count = self.lines(report + "/samples.jsonl").count
            return (count >= 3, count)
        }
        _ = try await offPool("kill") { process.killNow() }
        let before = lines(report + "/samples.jsonl")
        XCTAssertGreaterThanOrEqual(before.count, sampled)
        XCTAssertFalse(FileManager.default.fileExists(atPath: report + "/report.json"))

        let resumed = try await maxctl([
            "burnin", "--resume", "--report", report, "--redis", try TestServices.redisURL(), "--database",
            database, "--monitoring-api", try SystemProcess.binary("monitoring-api"),
        ])
        XCTAssertTrue([0, 1].contains(resumed.status), resumed.stderr)
        let after = lines(report + "/samples.jsonl")
        XCTAssertEqual(Array(after.prefix(before.count)), before, "the samples before the kill are kept as they were")
        XCTAssertGreaterThan(after.count, before.count)
        let document = try json(report + "/report.json")
        let posts = try XCTUnwrap(document["posts"] as? [String: Any])
        XCTAssertEqual(posts["publishedOnce"] as? Int, posts["acknowledged"] as? Int, "\(posts)")
        XCTAssertEqual((posts["unexpected"] as? [Any])?.count, 0, "\(posts)")
        XCTAssertEqual((posts["lost"] as? [Any])?.count, 0, "\(posts)")

        let again = try await maxctl(try arguments(report: report, database: database, duration: "5s"))
        XCTAssertEqual(again.status, 3, "a directory holding a run needs --resume: \(again.stderr)")
    }
}
