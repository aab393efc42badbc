import HTTPServe
import Monitoring
import QueueCore
import XCTest

@testable import monitoring_api

/// The console's read routes over real Redis: jobs per state with paging, one job whole, schedulers, the queue and
/// cache history, and their 400/404 answers.
final class ConsoleReadTests: XCTestCase {
    private static func sample(_ second: Int64, waiting: Int) -> QueueSample {
        QueueSample(
            queue: "charted", timestampMs: second * 1000, counts: JobCounts(waiting: waiting), stalled: 0,
            paused: false,
            oldestWaitingAgeMs: nil,
            window: WindowFigures(
                startMs: second * 1000 - 1000, endMs: second * 1000,
                completed: WindowFigure(value: 60, source: .bullmqMetrics, exact: true),
                failed: WindowFigure(value: 6, source: .bullmqMetrics, exact: true),
                retries: .unavailable, averageProcessingMs: .unavailable),
            redis: RedisStats(
                latencyMs: 0.2, usedMemoryBytes: 1, peakMemoryBytes: 1, maxMemoryBytes: 0, maxMemoryPolicy: "noeviction"
            ))
    }

    func testJobsArePagedNewestFirstAndOneJobComesWholeWithItsLogs() async throws {
        let fixture = try await ConsoleRouteFixture()
        let queue = try fixture.queue("pages")
        var ids: [String] = []
        for index in 0..<5 {
            ids.append(try await queue.add("job\(index)", json: #"{"n":\#(index),"tag":"</script>"}"#))
        }
        try await queue.addLog(ids[0], "first line")
        try await queue.addLog(ids[0], "second line")
        let page = try await fixture.call("GET", "/api/queues/pages/jobs?state=waiting&start=1&count=2")
        XCTAssertEqual(page.status, 200, page.text)
        let body = try fixture.object(page)
        XCTAssertEqual(body["total"] as? Int, 5)
        XCTAssertEqual(body["state"] as? String, "waiting")
        let jobs = try XCTUnwrap(body["jobs"] as? [[String: Any]])
        XCTAssertEqual(jobs.map { $0["id"] as? String }, [ids[3], ids[2]], "newest first, from position 1")
        XCTAssertTrue(jobs[0].keys.contains("processedOn"), "absent times are null, not missing")
        let detail = try await fixture.call("GET", "/api/queues/pages/jobs/\(ids[0])")
        XCTAssertEqual(detail.status, 200, detail.text)
        let job = try fixture.object(detail)
        XCTAssertEqual(job["state"] as? String, "waiting")
        XCTAssertEqual((job["data"] as? [String: Any])?["tag"] as? String, "</script>", "data is embedded JSON")
        let logs = try XCTUnwrap(job["logs"] as? [String: Any])
        XCTAssertEqual(logs["count"] as? Int, 2)
        XCTAssertEqual(logs["lines"] as? [String], ["first line", "second line"])
        let unknownJob = try await fixture.call("GET", "/api/queues/pages/jobs/nope")
        XCTAssertEqual(unknownJob.status, 404)
        XCTAssertEqual(fixture.errorCode(unknownJob), "unknown_job")
        let unknownQueue = try await fixture.call("GET", "/api/queues/nope/jobs")
        XCTAssertEqual(unknownQueue.status, 404)
        XCTAssertEqual(fixture.errorCode(unknownQueue), "unknown_queue")
        for query in ["state=sleeping", "count=0", "count=501", "start=-1", "start=x"] {
            let response = try await fixture.call("GET", "/api/queues/pages/jobs?" + query)
            XCTAssertEqual(response.status, 400, query)
            XCTAssertEqual(fixture.errorCode(response), "invalid_parameter", query)
        }
        await fixture.shutdown()
    }

    func testSchedulersAreListedWithTheirRule() async throws {
        let fixture = try await ConsoleRouteFixture()
        let queue = try fixture.queue("timed")
        _ = try await queue.upsertJobScheduler("every-minute", repeat: RepeatOptions(every: 60_000))
        let response = try await fixture.call(
            "GET", "/api/queues/timed/schedulers", token: ConsoleRouteFixture.readToken)
        XCTAssertEqual(response.status, 200, response.text)
        let schedulers = try XCTUnwrap(try fixture.object(response)["schedulers"] as? [[String: Any]])
        XCTAssertEqual(schedulers.map { $0["id"] as? String }, ["every-minute"])
        XCTAssertEqual(schedulers.first?["every"] as? Int, 60_000)
        XCTAssertTrue(schedulers.first?["pattern"] is NSNull)
        await fixture.shutdown()
    }

    func testTheQueueHistoryServesEverySampleOrDownsamplesWithTheThresholds() async throws {
        let samples = (1...50).map { Self.sample(Int64($0), waiting: $0) }
        let fixture = try await ConsoleRouteFixture(history: ["charted": samples])
        let all = try fixture.object(try await fixture.call("GET", "/api/monitoring/history/charted"))
        XCTAssertEqual((all["samples"] as? [Any])?.count, 50)
        XCTAssertEqual(all["intervalMs"] as? Int, 30_000)
        XCTAssertEqual((all["thresholds"] as? [String: Any])?["maxWaitingJobs"] as? Double, 1000)
        let thin = try fixture.object(try await fixture.call("GET", "/api/monitoring/history/charted?points=5"))
        let points = try XCTUnwrap(thin["samples"] as? [[String: Any]])
        XCTAssertEqual(points.map { $0["waiting"] as? Int }, [1, 13, 25, 37, 50])
        XCTAssertEqual(points.first?["timestamp"] as? Int, 1000, "epoch ms")
        XCTAssertEqual(points.first?["completedPerMinute"] as? Double, 3600)
        XCTAssertEqual(points.first?["failedPerMinute"] as? Double, 360)
        XCTAssertTrue(points.first?["oldestWaitingAgeMs"] is NSNull)
        let unknown = try await fixture.call("GET", "/api/monitoring/history/other")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(fixture.errorCode(unknown), "unknown_queue")
        for query in ["points=1", "points=x", "points=10001"] {
            let response = try await fixture.call("GET", "/api/monitoring/history/charted?" + query)
            XCTAssertEqual(response.status, 400, query)
        }
        let caches = try fixture.object(try await fixture.call("GET", "/api/monitoring/ai-models/history?points=10"))
        XCTAssertEqual((caches["caches"] as? [String: Any])?.keys.sorted(), ["advertising", "social"])
        await fixture.shutdown()
    }
}
