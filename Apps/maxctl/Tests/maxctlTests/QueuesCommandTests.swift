import Foundation
import PrivateServices
import RedisClient
import XCTest

/// `maxctl queues` and `maxctl queue stats` run as processes against a real Redis holding BullMQ-layout
/// keys: the last full minute at once by default, live with `--window`.
final class QueuesCommandTests: XCTestCase {
    private var url = ""
    private var prefix = ""

    override func setUp() async throws {
        url = try TestServices.redisURL()
        prefix = TestServices.uniqueName("ctlq")
        let redis = RedisClient(configuration: try RedisConfiguration(url: url))
        let current = Int64(Date().timeIntervalSince1970 * 1000) / 60_000 * 60_000
        func key(_ queue: String, _ suffix: String) -> String { "\(prefix):\(queue):\(suffix)" }
        // "busy": workers with metrics finished 300 jobs and failed 4 in the last full minute. The minute of
        // prevTS holds as many as the point before it, so the answer stands even if a minute ends mid-test.
        // "quiet": no metrics lists, and a trimmed events stream (cap 1) starting after that minute.
        let commands: [[String]] = [
            ["HSET", key("busy", "meta"), "opts.maxLenEvents", "10000"],
            [
                "HSET", key("busy", "metrics:completed"), "count", "1600", "prevTS", String(current + 1), "prevCount",
                "1300",
            ],
            ["LPUSH", key("busy", "metrics:completed:data"), "0", "300"],
            ["HSET", key("busy", "metrics:failed"), "count", "14", "prevTS", String(current + 1), "prevCount", "10"],
            ["LPUSH", key("busy", "metrics:failed:data"), "4"],
            ["HSET", key("quiet", "meta"), "opts.maxLenEvents", "1"],
            ["XADD", key("quiet", "events"), "\(current + 10)-0", "event", "completed", "jobId", "1"],
            ["XADD", key("quiet", "events"), "\(current + 11)-0", "event", "completed", "jobId", "2"],
        ]
        let results = try await redis.pipeline(commands)
        await redis.close()
        for result in results {
            if case .failure(let error) = result { throw error }
        }
    }

    private func maxctl(_ arguments: [String]) throws -> CommandResult {
        try MaxctlProcess.run(arguments + ["--redis", url, "--prefix", prefix])
    }

    private func json(_ result: CommandResult) throws -> [String: Any] {
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func testQueuesAnswersAtOnceWithTheLastMinuteFromTheMetricsListsAndNoneWithoutThem() throws {
        let document = try json(try maxctl(["queues", "--json"]))
        XCTAssertEqual(document["mode"] as? String, "lastMinute")
        XCTAssertEqual(document["windowMs"] as? Int, 60_000)
        let samples = try XCTUnwrap(document["queues"] as? [[String: Any]])
        XCTAssertEqual(samples.map { $0["queue"] as? String }, ["busy", "quiet"])

        let busy = try XCTUnwrap(samples[0]["window"] as? [String: Any])
        let completed = try XCTUnwrap(busy["completed"] as? [String: Any])
        XCTAssertEqual(completed["value"] as? Int, 300)
        XCTAssertEqual(completed["source"] as? String, "bullmqMetrics")
        XCTAssertEqual(completed["exact"] as? Bool, true)
        XCTAssertEqual((busy["failed"] as? [String: Any])?["value"] as? Int, 4)
        XCTAssertEqual(samples[0]["completedPerMinute"] as? Double, 300)
        XCTAssertEqual(try XCTUnwrap(samples[0]["failedRate"] as? Double), 4.0 / 304.0, accuracy: 1e-9)

        let quiet = try XCTUnwrap((samples[1]["window"] as? [String: Any])?["completed"] as? [String: Any])
        XCTAssertEqual(quiet["source"] as? String, "unavailable")
        XCTAssertTrue(quiet["value"] == nil || quiet["value"] is NSNull, "\(quiet)")
        XCTAssertTrue(samples[1]["completedPerMinute"] == nil || samples[1]["completedPerMinute"] is NSNull)

        let table = try maxctl(["queues"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let rows = table.stdout.split(separator: "\n")
        let busyRow = try XCTUnwrap(rows.first { $0.hasPrefix("busy ") })
        XCTAssertTrue(busyRow.contains(" 300 ") && busyRow.contains("metrics (last minute), exact"), table.stdout)
        let quietRow = try XCTUnwrap(rows.first { $0.hasPrefix("quiet ") })
        XCTAssertTrue(quietRow.contains(" none "), table.stdout)
        XCTAssertTrue(table.stdout.contains("the last full minute"), table.stdout)
        XCTAssertTrue(table.stdout.contains("none: no per-minute metrics"), table.stdout)
    }

    func testQueueStatsShowsEachFigureWithItsSourceAndWindowStillMeasuresLive() throws {
        let stats = try maxctl(["queue", "stats", "busy"])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let perMinute = try XCTUnwrap(
            stats.stdout.split(separator: "\n").first { $0.hasPrefix("completed per minute") })
        XCTAssertTrue(perMinute.contains("300") && perMinute.contains("metrics (last minute), exact"), stats.stdout)

        // Live: two readings 300 ms apart; nothing finished in between, and the counters say so exactly.
        let live = try json(try maxctl(["queues", "--window", "300ms", "--json"]))
        XCTAssertEqual(live["mode"] as? String, "liveWindow")
        XCTAssertEqual(live["windowMs"] as? Int, 300)
        let busy = try XCTUnwrap((live["queues"] as? [[String: Any]])?.first { $0["queue"] as? String == "busy" })
        let completed = try XCTUnwrap((busy["window"] as? [String: Any])?["completed"] as? [String: Any])
        XCTAssertEqual(completed["value"] as? Int, 0)
        XCTAssertEqual(completed["source"] as? String, "bullmqMetrics")
        let liveStats = try maxctl(["queue", "stats", "busy", "--window", "300ms"])
        XCTAssertTrue(liveStats.stdout.contains("live window of"), liveStats.stdout)
        XCTAssertTrue(liveStats.stdout.contains("metrics (live window), exact"), liveStats.stdout)
    }

    func testBadWindowAndUnknownQueueExitThreeNamingTheProblem() throws {
        let bad = try maxctl(["queues", "--window", "soon"])
        XCTAssertEqual(bad.status, 3)
        XCTAssertTrue(bad.stderr.contains("--window 'soon' is not a duration"), bad.stderr)
        let unknown = try maxctl(["queue", "stats", "nope"])
        XCTAssertEqual(unknown.status, 3)
        XCTAssertTrue(unknown.stderr.contains("queue 'nope'"), unknown.stderr)
    }
}
