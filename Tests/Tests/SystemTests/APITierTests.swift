import Foundation
import HTTPServe
import PrivateServices
import XCTest

/// `monitoring-api --no-workers` with a database: an API tier in front of `--workers-only` processes. It serves
/// the posts API and the Autopilot routes (suggested time through its own model cache, ad optimisation requests
/// added to the queue) without processing anything, and its cache joins the fleet's telemetry.
final class APITierTests: XCTestCase {
    func testTheAPITierSchedulesSuggestsAndQueuesWithoutProcessing() async throws {
        let environment = try AutoPostingEnvironment.make("tier")
        let api = try await MonitoringServerProcess(environment: environment, arguments: ["--no-workers"])
        XCTAssertEqual(api.logLines.first?["mode"] as? String, "no-workers")
        XCTAssertEqual(api.logLines.first?["postsAPI"] as? Bool, true)
        let client = try HTTPClient(configuration: .init(requestTimeout: .seconds(10)))
        defer { client.shutdown() }
        let json: HTTPHeaders = ["Content-Type": "application/json"]

        let due = ISO8601DateFormatter().string(from: Date())
        let post = try await client.send(
            method: "POST", url: api.baseURL + "/api/posts", headers: json,
            body: Array(#"{"userId":"tier-1","platform":"x","content":"hello","scheduledAt":"\#(due)"}"#.utf8))
        XCTAssertEqual(post.status, 201, post.text)
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(post.body)) as? [String: Any])?["id"])

        let suggestion = try await api.json("/api/users/tier-1/suggested-time")
        XCTAssertEqual(suggestion.status, 200)
        XCTAssertEqual(suggestion.body["userId"] as? String, "tier-1")
        XCTAssertEqual(suggestion.body["trained"] as? Bool, false)
        XCTAssertNotNil(suggestion.body["hourOfWeek"] as? Int)
        XCTAssertNotNil(suggestion.body["next"] as? String)

        let accepted = try await client.send(
            method: "POST", url: api.baseURL + "/api/ads/optimize", headers: json,
            body: Array(#"{"userId":"tier-1","valuePerConversion":2.5}"#.utf8))
        XCTAssertEqual(accepted.status, 202, accepted.text)
        let jobID = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(accepted.body)) as? [String: Any])?["jobId"] as? String)
        let prefix = try XCTUnwrap(environment["QUEUE_PREFIX"])
        let redis = try XCTUnwrap(Executables.find("redis-cli"))
        let redisURL = try XCTUnwrap(environment["REDIS_URL"])
        // Nothing processes it here: the job waits on the ad-optimization queue.
        let waiting = try ChildProcess.run([
            redis, "-u", redisURL, "LRANGE", "\(prefix):ad-optimization:wait", "0", "-1",
        ])
        XCTAssertTrue(waiting.split(separator: "\n").contains(Substring(jobID)), waiting)

        for (body, code) in [
            (#"{"valuePerConversion":2}"#, "invalid_userId"),
            (
                #"{"userId":"u","valuePerConversion":0}"#,
                "invalid_valuePerConversion"
            ),
            (
                #"{"userId":"u","valuePerConversion":1,"maxBudget":-1}"#,
                "invalid_maxBudget"
            ), ("not json", "invalid_body"),
        ] {
            let refused = try await client.send(
                method: "POST", url: api.baseURL + "/api/ads/optimize", headers: json,
                body: Array(body.utf8))
            XCTAssertEqual(refused.status, 400, body)
            XCTAssertTrue(refused.text.contains(code), refused.text)
        }
        let blank = try await api.get("/api/users/%20/suggested-time")
        XCTAssertEqual(blank.status, 400, blank.text)

        // No worker runs here: the post stays queued.
        try await Task.sleep(for: .seconds(1))
        let stored = try await api.json("/api/posts/\(id)")
        XCTAssertEqual(stored.body["status"] as? String, "queued")
        // The tier's cache, which served the suggestion, is in the fleet's telemetry.
        let models = try await MonitoringPoll.until("the API tier's cache in the fleet") {
            let (_, body) = try await api.json("/api/monitoring/ai-models")
            return ((body["instances"] as? Int ?? 0) >= 1, body)
        }
        XCTAssertGreaterThanOrEqual((models["social"] as? [String: Any])?["misses"] as? Int ?? 0, 1)
        XCTAssertEqual(try api.terminate(), 0)
    }
}
