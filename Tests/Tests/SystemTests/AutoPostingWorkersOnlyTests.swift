import Foundation
import PrivateServices
import XCTest

/// `monitoring-api --workers-only`: a worker process with no API. With `--metrics-port` it answers only
/// `/livez` and `/metrics`; it publishes its caches' telemetry, which an API process (`--no-workers`) serves.
final class AutoPostingWorkersOnlyTests: XCTestCase {
    func testAWorkersOnlyProcessServesOnlyLivezAndMetricsAndItsTelemetryReachesTheAPI() async throws {
        let environment = try AutoPostingEnvironment.make("wonly")
        let worker = try await MonitoringServerProcess(
            environment: environment,
            arguments: ["--workers-only", "--metrics-port", "0", "--max-advertising-models", "7"])
        XCTAssertEqual(worker.logLines.first?["mode"] as? String, "workers-only")
        let livez = try await worker.get("/livez")
        XCTAssertEqual(livez.status, 200)
        let metrics = try await worker.get("/metrics")
        XCTAssertEqual(metrics.status, 200)
        XCTAssertTrue(metrics.text.contains("advertising"), metrics.text)
        for path in ["/api/monitoring/ai-models", "/api/posts", "/readyz", "/"] {
            let response = try await worker.get(path)
            XCTAssertEqual(response.status, 404, path)
        }

        // A monitoring API without a database: no posts API, no caches of its own in the fleet.
        let api = try await MonitoringServerProcess(
            environment: environment.filter { $0.key != "DATABASE_URL" }, arguments: ["--no-workers"])
        let models = try await MonitoringPoll.until("the worker's telemetry served by the API process") {
            let (_, body) = try await api.json("/api/monitoring/ai-models")
            return (body["instances"] as? Int == 1, body)
        }
        XCTAssertEqual((models["advertising"] as? [String: Any])?["maxSize"] as? Int, 7)
        XCTAssertEqual(try worker.terminate(), 0)
        XCTAssertEqual(try api.terminate(), 0)
    }

    func testAGracefullyStoppedWorkerLeavesTheFleetAtOnceNotAfterItsTTL() async throws {
        // A 20 s interval: the telemetry key lives 60 s, so only its removal explains a quick drop.
        var environment = try AutoPostingEnvironment.make("leave")
        environment["MONITOR_INTERVAL_MS"] = "20000"
        let worker = try await MonitoringServerProcess(
            environment: environment,
            arguments: ["--workers-only", "--metrics-port", "0", "--max-advertising-models", "7"])
        // A monitoring API without a database: no posts API, no caches of its own in the fleet.
        let api = try await MonitoringServerProcess(
            environment: environment.filter { $0.key != "DATABASE_URL" }, arguments: ["--no-workers"])
        _ = try await MonitoringPoll.until("the worker counted by the API") {
            let (_, body) = try await api.json("/api/monitoring/ai-models")
            return ((body["instanceDetail"] as? [Any])?.count == 1, body)
        }

        XCTAssertEqual(try worker.terminate(), 0)
        XCTAssertEqual(worker.logLines.last?["event"] as? String, "server.stopped")
        let alone = try await MonitoringPoll.until("the stopped worker no longer counted", timeout: .seconds(5)) {
            let (_, body) = try await api.json("/api/monitoring/ai-models")
            return ((body["instanceDetail"] as? [Any])?.isEmpty == true, body)
        }
        XCTAssertEqual((alone["advertising"] as? [String: Any])?["maxSize"] as? Int, 50, "the API's own caches")
        XCTAssertEqual(try api.terminate(), 0)
    }
}
