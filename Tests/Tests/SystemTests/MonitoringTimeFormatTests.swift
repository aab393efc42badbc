import Foundation
import HTTPServe
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// One time format for instants across the API: every time field of every endpoint (the monitoring endpoints
/// with a sample, a history, alerts and an eviction to show, and the posts API) is ISO 8601 UTC with
/// milliseconds and within a minute of now; numbers live only in fields ending `Ms` and are durations.
final class MonitoringTimeFormatTests: XCTestCase {
    /// Keys that hold an instant (besides every key ending `At`).
    private static let instantKeys: Set<String> = ["timestamp", "since", "start", "end", "from", "to", "lastSuccess"]

    /// Every instant under `value`, by path (`queues[].latest.window.start`), and every problem found.
    private func instants(
        in value: Any, path: String, now: Date, found: inout Set<String>, problems: inout [String]
    ) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if Self.instantKeys.contains(key) || key.hasSuffix("At") {
                    found.insert(childPath)
                    guard let text = child as? String,
                        text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil,
                        let date = try? Date(text, strategy: .iso8601)
                    else {
                        problems.append("\(childPath) is not ISO 8601 UTC with ms: \(child)")
                        continue
                    }
                    if abs(date.timeIntervalSince(now)) > 60 {
                        problems.append("\(childPath) is not near now: \(text)")
                    }
                } else if key.hasSuffix("Ms"), let number = child as? Double, number > 1e11 {
                    problems.append("\(childPath) holds an epoch instant, not a duration: \(number)")
                } else {
                    instants(in: child, path: childPath, now: now, found: &found, problems: &problems)
                }
            }
        } else if let array = value as? [Any] {
            for element in array {
                instants(in: element, path: path + "[]", now: now, found: &found, problems: &problems)
            }
        }
    }

    func testEveryTimeFieldOfEveryEndpointIsAnIsoInstantNearNow() async throws {
        var environment = try AutoPostingEnvironment.make("time")
        // One waiting job over a threshold of 0 fires an alert; a social cache of one model evicts the first
        // user's model when the second user's post is published.
        environment["MAX_WAITING_JOBS"] = "0"
        // The queue exists before the server starts, so its first discovery finds it.
        let redis = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
        let queue = try Queue(
            name: "emails", client: redis, configuration: .init(prefix: try XCTUnwrap(environment["QUEUE_PREFIX"])))
        _ = try await queue.add("send", json: "{}")
        await redis.close()
        let server = try await MonitoringServerProcess(
            environment: environment, arguments: ["--workers", "--max-social-models", "1"])
        let client = try HTTPClient(configuration: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(10)))
        defer { client.shutdown() }
        for user in ["user-a", "user-b"] {
            let body =
                #"{"userId":"\#(user)","platform":"x","content":"hi","#
                + #""scheduledAt":"\#(ISO8601DateFormatter().string(from: Date()))"}"#
            let response = try await client.post(server.baseURL + "/api/posts", body: Array(body.utf8))
            XCTAssertEqual(response.status, 201, response.text)
        }
        _ = try await MonitoringPoll.until("an eviction, a queue alert, a history and both posts published") {
            let models = try await server.json("/api/monitoring/ai-models").body
            let metrics = try await server.json("/api/monitoring/queue-metrics").body
            let posts = try await server.json("/api/posts?status=published").body
            let ok =
                !(models["recentEvictions"] as? [Any] ?? []).isEmpty && !(metrics["alerts"] as? [Any] ?? []).isEmpty
                && (posts["posts"] as? [Any])?.count == 2
            return (ok, [models, metrics, posts])
        }

        let publishedPosts = try await server.json("/api/posts?status=published").body["posts"] as? [[String: Any]]
        let firstPost = try XCTUnwrap(publishedPosts?.first?["id"] as? Int)
        var found = Set<String>()
        var problems: [String] = []
        for path in [
            "/api/monitoring/queue-metrics", "/api/monitoring/queue-metrics/emails", "/api/monitoring/queue-health",
            "/api/monitoring/ai-models", "/api/monitoring/system-health", "/api/posts?status=published",
            "/api/posts/\(firstPost)",
        ] {
            let (status, body) = try await server.json(path)
            XCTAssertTrue([200, 503].contains(status), "\(path): \(status)")
            instants(in: body, path: path, now: Date(), found: &found, problems: &problems)
        }
        XCTAssertEqual(problems, [])
        // The test cannot pass by finding nothing: each kind of instant was there and checked.
        for expected in [
            "/api/monitoring/queue-metrics.timestamp", "/api/monitoring/queue-metrics.alerts[].since",
            "/api/monitoring/queue-metrics.collection.lastSuccess",
            "/api/monitoring/queue-metrics.queues[].latest.timestamp",
            "/api/monitoring/queue-metrics.queues[].latest.window.start",
            "/api/monitoring/queue-metrics.queues[].latest.window.end",
            "/api/monitoring/queue-metrics.queues[].summary.from", "/api/monitoring/queue-metrics.queues[].summary.to",
            "/api/monitoring/queue-metrics/emails.history[].timestamp",
            "/api/monitoring/queue-health.queues[].alerts[].since",
            "/api/monitoring/ai-models.recentEvictions[].timestamp", "/api/monitoring/ai-models.alerts[].since",
            "/api/monitoring/ai-models.timestamp", "/api/monitoring/system-health.timestamp",
            "/api/monitoring/system-health.components.queues.details[].alerts[].since",
            "/api/monitoring/system-health.components.aiModels.alerts[].since",
            "/api/posts?status=published.posts[].publishedAt", "/api/posts?status=published.posts[].scheduledAt",
            "/api/posts/\(firstPost).createdAt", "/api/posts/\(firstPost).updatedAt",
        ] {
            XCTAssertTrue(found.contains(expected), "\(expected) not found in \(found.sorted())")
        }
        XCTAssertEqual(try server.terminate(), 0)
    }
}
