import Foundation
import TestServices
import XCTest

/// `maxctl worker` run as a process against a real Redis.
final class WorkerCommandTests: XCTestCase {
    func testMaxJobsStopsFetchingBeforeItReleasesTheJobsAlreadyFetched() throws {
        let url = try TestServices.redisURL()
        let prefix = TestServices.uniqueName("ctlw")
        let common = ["--redis", url, "--prefix", prefix]
        let added = try MaxctlProcess.run(["queue", "add", "work", "--name", "n", "--count", "8"] + common)
        XCTAssertEqual(added.status, 0, added.stderr)

        // Concurrency 2, --max-jobs 1: the first job runs; the second (fetched alongside) and the third
        // (fetched by the first one's finish) wait at the gate until the worker has stopped fetching. Released
        // after that, they finish without fetching more: at most 1 + 2 jobs run, the rest stay waiting.
        let worked = try MaxctlProcess.run(
            ["worker", "work", "--processor", "noop", "--concurrency", "2", "--max-jobs", "1", "--json"] + common)
        XCTAssertEqual(worked.status, 0, worked.stderr)
        let summary = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(worked.stdout.utf8)) as? [String: Any])
        let completed = try XCTUnwrap(summary["completed"] as? Int)
        XCTAssertTrue((1...3).contains(completed), "\(completed) jobs ran; --max-jobs 1 at concurrency 2 allows 3")

        let stats = try MaxctlProcess.run(["queue", "stats", "work", "--json"] + common)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let counts = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["counts"]
                as? [String: Int])
        XCTAssertEqual(counts["completed"], completed)
        XCTAssertEqual(counts["active"], 0, "a graceful close leaves no job active")
        XCTAssertEqual(counts["waiting"], 8 - completed, "jobs were fetched after the stop")
    }
}
