import HTTPServe
import Monitoring
import QueueCore
import XCTest

@testable import monitoring_api

/// The admin routes change the queue in Redis, answer 404/409 for unknown or wrong-state jobs, and each call leaves
/// exactly one audit row naming its route, target and result.
final class ConsoleAdminTests: XCTestCase {
    func testEachAdminRouteChangesRedisAndLeavesOneAuditRow() async throws {
        let fixture = try await ConsoleRouteFixture()
        let queue = try fixture.queue("work")
        let failed = try await fixture.failedJobs("work", count: 2)
        let delayed = try await queue.add("later", json: "{}", options: JobOptions(delay: 3_600_000))
        let waiting = try await queue.add("now", json: "{}")
        var calls: [(route: String, target: String, status: Int, result: String)] = []
        func post(_ path: String, _ route: String, _ target: String, body: String = "", status: Int, result: String)
            async throws -> [String: Any]
        {
            let response = try await fixture.call("POST", path, body: body)
            XCTAssertEqual(response.status, status, "\(path): \(response.text)")
            if status != 200 { XCTAssertEqual(fixture.errorCode(response), result, path) }
            calls.append((route, target, status, result))
            return (try? fixture.object(response)) ?? [:]
        }
        _ = try await post("/api/queues/work/pause", "/api/queues/:queueName/pause", "work", status: 200, result: "ok")
        let paused = try await queue.isPaused()
        XCTAssertTrue(paused)
        _ = try await post(
            "/api/queues/work/resume", "/api/queues/:queueName/resume", "work", status: 200, result: "ok")
        let resumed = try await queue.isPaused()
        XCTAssertFalse(resumed)
        let jobRoute = "/api/queues/:queueName/jobs/:jobId/"
        _ = try await post(
            "/api/queues/work/jobs/\(failed[0])/retry", jobRoute + "retry", "work/\(failed[0])", status: 200,
            result: "ok")
        let state = try await queue.state(of: failed[0])
        XCTAssertEqual(state, .waiting)
        _ = try await post(
            "/api/queues/work/jobs/\(failed[0])/retry", jobRoute + "retry", "work/\(failed[0])", status: 409,
            result: "conflict")
        let retried = try await post(
            "/api/queues/work/retry-failed", "/api/queues/:queueName/retry-failed", "work", status: 200, result: "ok")
        XCTAssertEqual(retried["retried"] as? Int, 1)
        let retriedState = try await queue.state(of: failed[1])
        XCTAssertEqual(retriedState, .waiting)
        _ = try await post(
            "/api/queues/work/jobs/\(delayed)/promote", jobRoute + "promote", "work/\(delayed)", status: 200,
            result: "ok")
        let promotedState = try await queue.state(of: delayed)
        XCTAssertEqual(promotedState, .waiting)
        _ = try await post(
            "/api/queues/work/jobs/\(waiting)/remove", jobRoute + "remove", "work/\(waiting)", status: 200, result: "ok"
        )
        let removedJob = try await queue.job(waiting)
        XCTAssertNil(removedJob)
        _ = try await post(
            "/api/queues/work/jobs/\(waiting)/remove", jobRoute + "remove", "work/\(waiting)", status: 404,
            result: "unknown_job")
        let cleaned = try await post(
            "/api/queues/work/clean", "/api/queues/:queueName/clean", "work", body: #"{"state":"waiting","graceMs":0}"#,
            status: 200, result: "ok")
        XCTAssertEqual(cleaned["removed"] as? Int, 3, "the two retried jobs and the promoted one")
        let counts = try await queue.counts()
        XCTAssertEqual(counts[.waiting], 0)
        _ = try await post(
            "/api/queues/nosuch/pause", "/api/queues/:queueName/pause", "nosuch", status: 404, result: "unknown_queue")
        let rows = try await fixture.auditRows(count: calls.count)
        XCTAssertEqual(rows.count, calls.count, "one row per call")
        for (row, call) in zip(rows.reversed(), calls) {
            XCTAssertEqual(row.route, call.route)
            XCTAssertEqual(row.target, call.target)
            XCTAssertEqual(row.status, call.status, call.route)
            XCTAssertEqual(row.result, call.result, call.route)
            XCTAssertEqual(row.method, "POST")
            XCTAssertEqual(row.role, "admin")
        }
        await fixture.shutdown()
    }

    func testCleanRefusesBadBodiesAndTheRefusalIsAudited() async throws {
        let fixture = try await ConsoleRouteFixture()
        _ = try await fixture.queue("tidy").add("x", json: "{}")
        let bodies = [
            "", "[]", #"{"state":"active"}"#, #"{"state":"completed","graceMs":-1}"#,
            #"{"state":"completed","graceMs":1.5}"#, #"{"state":"completed","limit":true}"#,
            #"{"state":"completed","extra":1}"#, #"{"graceMs":1000}"#,
        ]
        for body in bodies {
            let response = try await fixture.call("POST", "/api/queues/tidy/clean", body: body)
            XCTAssertEqual(response.status, 400, "\(body): \(response.text)")
            XCTAssertEqual(fixture.errorCode(response), "invalid_parameter", body)
        }
        let rows = try await fixture.auditRows(count: bodies.count)
        XCTAssertEqual(rows.map(\.result), Array(repeating: "invalid_parameter", count: bodies.count))
        await fixture.shutdown()
    }
}
