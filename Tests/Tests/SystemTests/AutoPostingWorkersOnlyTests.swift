import Foundation
import TestServices
import XCTest

/// `monitoring-api --workers-only`: a worker process with no API. With `--metrics-port` it answers only
/// `/livez` and `/metrics`; it publishes its caches' telemetry, which an API process (`--no-workers`) serves.
final class AutoPostingWorkersOnlyTests: XCTestCase {
    func testAWorkersOnlyProcessServesOnlyLivezAndMetricsAndItsTelemetryReachesTheAPI() async throws {
        let environment = try AutoPostingEnvironment.make("wonly")
        let worker = try MonitoringServerProcess(
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

        let api = try MonitoringServerProcess(environment: environment, arguments: ["--no-workers"])
        let models = try await MonitoringPoll.until("the worker's telemetry served by the API process") {
            let (_, body) = try await api.json("/api/monitoring/ai-models")
            return (body["instances"] as? Int == 1, body)
        }
        XCTAssertEqual((models["advertising"] as? [String: Any])?["maxSize"] as? Int, 7)
        XCTAssertEqual(try worker.terminate(), 0)
        XCTAssertEqual(try api.terminate(), 0)
    }
}
