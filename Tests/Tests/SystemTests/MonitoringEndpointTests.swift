import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

/// monitoring-api as a process against the shared test Redis: every endpoint's status and JSON shape,
/// figures that agree with the queue's real state, alerts, auth, and a graceful SIGTERM. Each test uses
/// its own key prefix, so tests never see each other's queues.
final class MonitoringEndpointTests: XCTestCase {
    private var prefix = ""
    private var client: RedisClient!

    override func setUp() async throws {
        prefix = TestServices.uniqueName("mon")
        client = RedisClient(configuration: try RedisConfiguration(url: try TestServices.redisURL()))
    }

    override func tearDown() async throws {
        await client?.close()
    }

    private func start(_ environment: [String: String] = [:]) async throws -> MonitoringServerProcess {
        try await MonitoringServerProcess(
            environment: ["REDIS_URL": try TestServices.redisURL(), "QUEUE_PREFIX": prefix].merging(environment) {
                _, new in new
            })
    }

    private func queue(_ name: String) throws -> Queue {
        try Queue(name: name, client: client, configuration: .init(prefix: prefix))
    }

    /// The latest sample of `name` in `/api/monitoring/queue-metrics`, once the monitor has collected it.
    private func latest(_ server: MonitoringServerProcess, _ name: String) async throws -> [String: Any]? {
        let (_, body) = try await server.json("/api/monitoring/queue-metrics")
        let queues = body["queues"] as? [[String: Any]] ?? []
        return queues.first { $0["queue"] as? String == name }?["latest"] as? [String: Any]
    }

    func testEveryEndpointAnswersWithItsStatusAndJSONShape() async throws {
        _ = try await queue("emails").add("send", json: #"{"to":"a@example.com"}"#)
        let server = try await start()
        _ = try await MonitoringPoll.until("the emails queue collected") {
            let sample = try await latest(server, "emails")
            return (sample != nil, sample)
        }

        let all = try await server.json("/api/monitoring/queue-metrics")
        XCTAssertEqual(all.status, 200)
        XCTAssertEqual(Set(all.body.keys), ["alerts", "collection", "queues", "redis", "timestamp"])
        let entry = try XCTUnwrap((all.body["queues"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(entry.keys), ["alerts", "latest", "queue", "summary"])
        let sample = try XCTUnwrap(entry["latest"] as? [String: Any])
        for key in [
            "counts", "stalled", "paused", "oldestWaitingAgeMs", "window", "redis", "timestamp", "failedRate",
            "completedPerMinute", "avgProcessingTimeMs", "retries",
        ] {
            XCTAssertTrue(sample.keys.contains(key), "sample lacks \(key): \(sample.keys.sorted())")
        }
        let counts = try XCTUnwrap(sample["counts"] as? [String: Int])
        XCTAssertEqual(
            Set(counts.keys),
            ["waiting", "active", "completed", "failed", "delayed", "prioritized", "waiting-children"])
        let redis = try XCTUnwrap(sample["redis"] as? [String: Any])
        XCTAssertNotNil(redis["latencyMs"] as? Double)
        XCTAssertNotNil(redis["usedMemoryMB"] as? Double)

        let one = try await server.json("/api/monitoring/queue-metrics/emails")
        XCTAssertEqual(one.status, 200)
        XCTAssertEqual(one.body["queue"] as? String, "emails")
        XCTAssertFalse((one.body["history"] as? [Any] ?? []).isEmpty)

        let unknown = try await server.json("/api/monitoring/queue-metrics/no-such-queue")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual((unknown.body["error"] as? [String: Any])?["code"] as? String, "unknown_queue")
        XCTAssertNotNil((unknown.body["error"] as? [String: Any])?["message"] as? String)

        let health = try await server.json("/api/monitoring/queue-health")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.body["status"] as? String, "healthy")
        XCTAssertEqual((health.body["queues"] as? [[String: Any]])?.first?["queue"] as? String, "emails")

        let models = try await server.json("/api/monitoring/ai-models")
        XCTAssertEqual(models.status, 200)
        for key in ["social", "advertising", "memory", "recentEvictions", "alerts", "status", "timestamp"] {
            XCTAssertTrue(models.body.keys.contains(key), "ai-models lacks \(key)")
        }
        let social = try XCTUnwrap(models.body["social"] as? [String: Any])
        for key in ["currentSize", "maxSize", "totalLoads", "totalEvictions", "hitRatePercent", "averageLoadTimeMs"] {
            XCTAssertTrue(social.keys.contains(key), "social lacks \(key)")
        }
        XCTAssertEqual(social["maxSize"] as? Int, 100)
        XCTAssertEqual((models.body["advertising"] as? [String: Any])?["maxSize"] as? Int, 50)

        let system = try await server.json("/api/monitoring/system-health")
        XCTAssertEqual(system.status, 200)
        XCTAssertEqual(system.body["healthy"] as? Bool, true)
        XCTAssertEqual(system.body["status"] as? String, "healthy")
        XCTAssertNotNil(system.body["timestamp"] as? String)
        let components = try XCTUnwrap(system.body["components"] as? [String: Any])
        XCTAssertEqual((components["queues"] as? [String: Any])?["healthy"] as? Bool, true)
        XCTAssertNotNil((components["queues"] as? [String: Any])?["details"] as? [Any])
        let aiModels = try XCTUnwrap(components["aiModels"] as? [String: Any])
        XCTAssertEqual((aiModels["social"] as? [String: Any])?["utilizationPercent"] as? String, "0.0")
        XCTAssertEqual((aiModels["advertising"] as? [String: Any])?["max"] as? Int, 50)

        let metrics = try await server.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.headers["Content-Type"]?.hasPrefix("text/plain") ?? false)
        XCTAssertTrue(
            metrics.text.contains("maxbooster_queue_jobs{queue=\"emails\",state=\"waiting\"} 1"), metrics.text)

        let livez = try await server.json("/livez")
        XCTAssertEqual(livez.status, 200)
        let readyz = try await server.json("/readyz")
        XCTAssertEqual(readyz.body["redis"] as? String, "ok")
        let index = try await server.get("/")
        XCTAssertEqual(index.status, 200)
        XCTAssertTrue(index.text.contains("/assets/app.js"), "the console's shell")
        XCTAssertTrue(index.headers["Content-Security-Policy"]?.hasPrefix("default-src 'self'") ?? false)
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testQueueFiguresAgreeWithTheQueueStateAsJobsAreAddedAndProcessed() async throws {
        let orders = try queue("orders")
        for index in 0..<6 { _ = try await orders.add("order", json: #"{"n":\#(index)}"#) }
        _ = try await orders.add("later", json: "{}", options: JobOptions(delay: 600_000))
        _ = try await orders.add("urgent", json: "{}", options: JobOptions(priority: 3))
        let server = try await start()
        let before = try await MonitoringPoll.until("6 waiting, 1 delayed, 1 prioritized") {
            let counts = try await latest(server, "orders")?["counts"] as? [String: Int] ?? [:]
            return (counts["waiting"] == 6 && counts["delayed"] == 1 && counts["prioritized"] == 1, counts)
        }
        XCTAssertEqual(before["completed"], 0)

        // Process exactly the 7 ready jobs; one of them fails for good.
        let worker = try Worker(
            queueName: "orders", client: client, configuration: .init(prefix: prefix, concurrency: 2)
        ) { job -> String in
            if job.name == "urgent" { throw UnrecoverableError("no stock") }
            return "ok"
        }
        worker.start()
        let after = try await MonitoringPoll.until("6 completed, 1 failed, none waiting") {
            let counts = try await latest(server, "orders")?["counts"] as? [String: Int] ?? [:]
            return (counts["completed"] == 6 && counts["failed"] == 1 && counts["waiting"] == 0, counts)
        }
        await worker.close()
        XCTAssertEqual(after["delayed"], 1)
        XCTAssertEqual(after["active"], 0)
        XCTAssertEqual(after["prioritized"], 0)
        let real = try await orders.counts()
        XCTAssertEqual(real[.completed], 6)
        XCTAssertEqual(real[.failed], 1)

        // The window figures of the collections that saw the jobs finish add up to what finished.
        let history =
            try await server.json("/api/monitoring/queue-metrics/orders").body["history"] as? [[String: Any]] ?? []
        let finished = history.compactMap { sample -> (Int, Int)? in
            guard let window = sample["window"] as? [String: Any],
                let completed = (window["completed"] as? [String: Any])?["value"] as? Int,
                let failed = (window["failed"] as? [String: Any])?["value"] as? Int
            else { return nil }
            return (completed, failed)
        }
        XCTAssertEqual(finished.map(\.0).reduce(0, +), 6, "\(finished)")
        XCTAssertEqual(finished.map(\.1).reduce(0, +), 1, "\(finished)")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testCrossingAThresholdLogsAnAlertAndDegradesHealthAndClearingItResolves() async throws {
        let backlog = try queue("backlog")
        for _ in 0..<3 { _ = try await backlog.add("job", json: "{}") }
        let server = try await start(["MAX_WAITING_JOBS": "2"])
        let degraded = try await MonitoringPoll.until("health degraded") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200 && body["status"] as? String == "degraded", body)
        }
        XCTAssertEqual(degraded["healthy"] as? Bool, false)
        let fired = try XCTUnwrap(server.logLines.first { $0["event"] as? String == "alert.fired" })
        XCTAssertEqual(fired["alert"] as? String, "maxWaitingJobs")
        XCTAssertEqual(fired["queue"] as? String, "backlog")
        XCTAssertEqual(fired["value"] as? Int, 3)
        XCTAssertEqual(fired["threshold"] as? Int, 2)
        XCTAssertEqual(fired["level"] as? String, "warning")
        XCTAssertNotNil(fired["time"] as? String)
        let queueHealth = try await server.json("/api/monitoring/queue-health")
        XCTAssertEqual(queueHealth.status, 200)
        let alerts = (queueHealth.body["queues"] as? [[String: Any]])?.first?["alerts"] as? [[String: Any]]
        XCTAssertEqual(alerts?.first?["alert"] as? String, "maxWaitingJobs")

        let worker = try Worker(queueName: "backlog", client: client, configuration: .init(prefix: prefix)) { _ in
            "done"
        }
        worker.start()
        _ = try await MonitoringPoll.until("health back to healthy") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200 && body["status"] as? String == "healthy", body)
        }
        await worker.close()
        let resolved = server.logLines.first { $0["event"] as? String == "alert.resolved" }
        XCTAssertEqual(resolved?["alert"] as? String, "maxWaitingJobs")
        XCTAssertEqual(resolved?["queue"] as? String, "backlog")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testTokenIsRequiredOnEveryEndpointButTheProbesThePageAndTheAPIDescriptionWhenSet() async throws {
        let token = "t0ken-\(UUID().uuidString)"
        let server = try await start(["API_TOKEN": token])
        for path in [
            "/api/console/overview", "/api/console/whoami", "/api/audit", "/api/queues/any/jobs",
            "/api/monitoring/queue-metrics", "/api/monitoring/queue-metrics/any", "/api/monitoring/queue-health",
            "/api/monitoring/ai-models", "/api/monitoring/system-health", "/metrics",
        ] {
            let missing = try await server.json(path)
            XCTAssertEqual(missing.status, 401, path)
            XCTAssertEqual((missing.body["error"] as? [String: Any])?["code"] as? String, "unauthorized", path)
            let wrong = try await server.get(path, token: token + "x")
            XCTAssertEqual(wrong.status, 401, path)
            let right = try await server.get(path, token: token)
            XCTAssertNotEqual(right.status, 401, path)
        }
        let livez = try await server.get("/livez")
        XCTAssertEqual(livez.status, 200)
        let readyz = try await server.get("/readyz")
        XCTAssertEqual(readyz.status, 200)
        for open in ["/", "/assets/app.js", "/openapi.json"] {
            let response = try await server.get(open)
            XCTAssertEqual(response.status, 200, "\(open) needs no token: a browser navigates to it")
        }
        let logged = server.logLines.map { "\($0)" }.joined()
        XCTAssertFalse(logged.contains(token), "the token must never be logged")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testSigtermStopsTheServerGracefullyWithExitZero() async throws {
        let server = try await start()
        let livez = try await server.get("/livez")
        XCTAssertEqual(livez.status, 200)
        XCTAssertEqual(try server.terminate(), 0)
        let events = server.logLines.compactMap { $0["event"] as? String }
        XCTAssertEqual(events.first, "server.listening")
        XCTAssertEqual(Array(events.suffix(2)), ["server.stopping", "server.stopped"])
        XCTAssertTrue(server.logLines.allSatisfy { $0["unparsed"] == nil }, "every log line is JSON")
    }
}
