import AIModelCache
import HTTPServe
import Monitoring
import XCTest

@testable import monitoring_api

/// The routes over a real HTTPServer on a loopback port 0, fed fixed monitor snapshots (no Redis):
/// statuses, error bodies and auth decisions.
final class APIRoutesTests: XCTestCase {
    private struct Unreachable: Error, CustomStringConvertible {
        var description: String { "Redis 127.0.0.1:1 [PING]: cannot connect" }
    }

    private static let redis = RedisStats(
        latencyMs: 0.2, usedMemoryBytes: 1_048_576, peakMemoryBytes: 2_097_152, maxMemoryBytes: 0,
        maxMemoryPolicy: "noeviction")

    private static func sample(_ queue: String, waiting: Int) -> QueueSample {
        QueueSample(
            queue: queue, timestampMs: 1_700_000_000_000, counts: JobCounts(waiting: waiting), stalled: 0,
            paused: false,
            oldestWaitingAgeMs: waiting > 0 ? 1200 : nil,
            window: WindowFigures(
                startMs: 1_699_999_999_500, endMs: 1_700_000_000_000, completed: .unavailable, failed: .unavailable,
                retries: .unavailable, averageProcessingMs: .unavailable),
            redis: redis)
    }

    private static let collected = MonitorSnapshot(
        queues: ["mail"], latest: ["mail": sample("mail", waiting: 2)],
        summaries: ["mail": HistorySummary([sample("mail", waiting: 2)])], redis: redis, lastAttemptMs: 1,
        lastSuccessMs: 1,
        lastDurationMs: 3, collections: 1)

    static let collectedForAlerts = collected
    /// The clock of the alerts tests (their history is placed relative to it).
    static let alertsNow = MonitoringJSON.nowMilliseconds()

    /// Serves `snapshot` (and `alertHistory`'s store) on a loopback port; returns the server, a client and the base URL.
    func serve(
        _ snapshot: MonitorSnapshot, token: String? = nil, redisUp: Bool = true,
        alertHistory: AlertHistorySink? = nil
    ) async throws -> (HTTPServer, HTTPClient, String) {
        let source = QueueSource(
            snapshot: { snapshot }, history: { snapshot.latest[$0].map { [$0] } },
            ping: { if !redisUp { throw Unreachable() } })
        let configuration = MonitoringConfiguration()
        let models = try ModelCacheManager<AutopilotModel, AutopilotModel>(configuration: .init())
        var service = MonitoringService(
            queues: source, models: models,
            telemetry: AIModelTelemetry(configuration: configuration, sink: RecordingAlertSink()),
            probeTimeout: .seconds(1))
        if let alertHistory { service.alertHistory = alertHistory }
        let server = try HTTPServer(
            configuration: .init(port: 0, loopCount: 1),
            router: APIRoutes.router(service: service, access: AccessPolicy(adminToken: token)))
        let port = try server.start()
        return (server, try HTTPClient(), "http://127.0.0.1:\(port)")
    }

    func errorCode(_ response: HTTPClient.Response) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    func testCollectedQueuesAreServedAndAnUnknownQueueIsAJSON404() async throws {
        let (server, client, base) = try await serve(Self.collected)
        let all = try await client.get(base + "/api/monitoring/queue-metrics")
        XCTAssertEqual(all.status, 200)
        XCTAssertTrue(all.text.contains(#""queue":"mail""#), all.text)
        let one = try await client.get(base + "/api/monitoring/queue-metrics/mail")
        XCTAssertEqual(one.status, 200)
        XCTAssertTrue(one.text.contains(#""history":[{"#), one.text)
        let unknown = try await client.get(base + "/api/monitoring/queue-metrics/other")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(errorCode(unknown), "unknown_queue")
        let health = try await client.get(base + "/api/monitoring/system-health")
        XCTAssertEqual(health.status, 200)
        XCTAssertTrue(health.text.contains(#""status":"healthy""#), health.text)
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testAFailedCollectionAnswers503WithTheReasonEverywhereButTheLivenessProbe() async throws {
        var failed = Self.collected
        failed.lastError = "queue collection failed: Redis 127.0.0.1:1 [PING]: cannot connect"
        let (server, client, base) = try await serve(failed, redisUp: false)
        for path in ["/api/monitoring/queue-metrics", "/api/monitoring/queue-metrics/mail"] {
            let response = try await client.get(base + path)
            XCTAssertEqual(response.status, 503, path)
            XCTAssertEqual(errorCode(response), "collection_failed", path)
            XCTAssertTrue(response.text.contains("127.0.0.1:1"), response.text)
        }
        for path in ["/api/monitoring/queue-health", "/api/monitoring/system-health"] {
            let response = try await client.get(base + path)
            XCTAssertEqual(response.status, 503, path)
            XCTAssertTrue(response.text.contains(#""reason":"queue collection failed"#), response.text)
        }
        let readyz = try await client.get(base + "/readyz")
        XCTAssertEqual(readyz.status, 503)
        XCTAssertEqual(errorCode(readyz), "redis_unavailable")
        let livez = try await client.get(base + "/livez")
        XCTAssertEqual(livez.status, 200)
        let metrics = try await client.get(base + "/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.text.contains("maxbooster_redis_up 0"), metrics.text)
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testNoCollectionYetIsUnhealthyButServesAnEmptyList() async throws {
        let (server, client, base) = try await serve(MonitorSnapshot())
        let all = try await client.get(base + "/api/monitoring/queue-metrics")
        XCTAssertEqual(all.status, 200)
        XCTAssertTrue(all.text.contains(#""queues":[]"#), all.text)
        let health = try await client.get(base + "/api/monitoring/system-health")
        XCTAssertEqual(health.status, 503)
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testTheTokenGuardsEverythingButTheProbesAndTheErrorSaysHowToSendIt() async throws {
        let (server, client, base) = try await serve(Self.collected, token: "abc")
        let refused = try await client.get(base + "/api/monitoring/system-health")
        XCTAssertEqual(refused.status, 401)
        XCTAssertEqual(errorCode(refused), "unauthorized")
        XCTAssertEqual(refused.headers["WWW-Authenticate"], "Bearer")
        XCTAssertTrue(refused.text.contains("Authorization: Bearer"), refused.text)
        let accepted = try await client.get(
            base + "/api/monitoring/system-health", headers: ["Authorization": "Bearer abc"])
        XCTAssertEqual(accepted.status, 200)
        let baseline = try await client.get(base + "/api/monitoring/baseline")
        XCTAssertEqual(baseline.status, 401, "the baseline is guarded like the others")
        let noBaseline = try await client.get(
            base + "/api/monitoring/baseline", headers: ["Authorization": "Bearer abc"])
        XCTAssertEqual(noBaseline.status, 404, "no database given to this router")
        XCTAssertEqual(errorCode(noBaseline), "no_baseline")
        XCTAssertTrue(noBaseline.text.contains("maxctl baseline capture"), noBaseline.text)
        let livez = try await client.get(base + "/livez")
        XCTAssertEqual(livez.status, 200)
        let readyz = try await client.get(base + "/readyz")
        XCTAssertEqual(readyz.status, 200)
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }
}
