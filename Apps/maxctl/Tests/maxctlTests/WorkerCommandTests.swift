import Foundation
import PrivateServices
import XCTest

@testable import maxctl

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

    func testScriptedJobsPrintTheEventLinesTheChaosSuiteWaitsFor() throws {
        let url = try TestServices.redisURL()
        let prefix = TestServices.uniqueName("ctle")
        let common = ["--redis", url, "--prefix", prefix]
        for data in [#"{"sleepMs":1}"#, #"{"fail":true}"#] {
            let added = try MaxctlProcess.run(
                ["queue", "add", "work", "--name", "n", "--data", data, "--attempts", "1"] + common)
            XCTAssertEqual(added.status, 0, added.stderr)
        }
        let worked = try MaxctlProcess.run(
            ["worker", "work", "--processor", "scripted", "--events", "--max-jobs", "2", "--drain-delay", "50ms"]
                + common)
        XCTAssertEqual(worked.status, 0, worked.stderr)
        let lines = worked.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.hasPrefix("ready ") == true, "\(lines)")
        XCTAssertEqual(
            Array(lines.dropFirst()),
            ["active 1 1", "completed 1", "active 2 1", "failed 2 asked to fail (attempt 1)", "closed"],
            "stdout holds only the event lines")
        XCTAssertTrue(worked.stderr.contains("work: 1 completed, 1 failed"), worked.stderr)
    }

    func testWorkerOptionsRefuseBadValuesWithTheFlagsName() {
        let cases: [([String], String)] = [
            (["--lock-duration", "soon"], "--lock-duration 'soon' is not a duration"),
            (["--stalled-interval", "5ms"], "--stalled-interval must be at least 10ms"),
            (["--drain-delay", "x"], "--drain-delay 'x' is not a duration"),
            (["--concurrency", "0"], "--concurrency must be a whole number ≥ 1"),
            (["--max-stalled-count", "many"], "--max-stalled-count must be a whole number ≥ 0"),
            (["--events", "--json"], "--events and --json"),
            (["--lock-duration", "200ms", "--stalled-interval", "500ms"], ""),
        ]
        for (arguments, expected) in cases {
            let all = ["q", "--processor", "noop"] + arguments
            if expected.isEmpty {
                XCTAssertNoThrow(try WorkerCommand(arguments: all, environment: [:]), "\(arguments)")
                continue
            }
            XCTAssertThrowsError(try WorkerCommand(arguments: all, environment: [:]), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testDurationsTakeUnitsAndBecomeTheWorkerConfiguration() throws {
        let command = try WorkerCommand(
            arguments: [
                "q", "--processor", "scripted", "--lock-duration", "1.5s", "--stalled-interval", "500ms",
                "--drain-delay", "200", "--concurrency", "3", "--max-stalled-count", "2", "--prefix", "p",
            ], environment: [:])
        XCTAssertEqual(command.configuration.lockDuration, .milliseconds(1500))
        XCTAssertEqual(command.configuration.stalledInterval, .milliseconds(500))
        XCTAssertEqual(command.configuration.drainDelay, .milliseconds(200))
        XCTAssertEqual(command.configuration.concurrency, 3)
        XCTAssertEqual(command.configuration.maxStalledCount, 2)
        XCTAssertEqual(command.configuration.prefix, "p")
    }
}
