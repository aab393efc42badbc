import Foundation
import HTTPServe
import PrivateServices
import XCTest

/// Fleet telemetry: two monitoring-api processes running the auto-posting workers (real Redis and Postgres)
/// publish their caches' telemetry, and the API serves the sums, the per-instance lines and the ratios
/// recomputed from the sums; a process that stops drops out after the TTL (three 500 ms intervals).
final class AutoPostingFleetTelemetryTests: XCTestCase {
    func testTwoWorkerProcessesTelemetryIsAggregatedByTheAPIAndAStoppedOneDropsOut() async throws {
        let environment = try AutoPostingEnvironment.make("fleet")
        let first = try await MonitoringServerProcess(
            environment: environment, arguments: ["--workers", "--max-social-models", "3"])
        let second = try await MonitoringServerProcess(
            environment: environment, arguments: ["--workers", "--max-social-models", "5"])

        // Three posts of one user, due now: each is one lookup in whichever process's social cache runs it.
        let client = try HTTPClient(configuration: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(10)))
        defer { client.shutdown() }
        let now = ISO8601DateFormatter().string(from: Date())
        for index in 1...3 {
            let body =
                #"{"userId":"fleet-user","platform":"instagram","content":"post \#(index)","scheduledAt":"\#(now)"}"#
            let response = try await client.post(first.baseURL + "/api/posts", body: Array(body.utf8))
            XCTAssertEqual(response.status, 201, response.text)
        }

        let fleet = try await MonitoringPoll.until("both instances reporting the three lookups") {
            let (status, body) = try await second.json("/api/monitoring/ai-models")
            let social = body["social"] as? [String: Any] ?? [:]
            let lookups = (social["hits"] as? Int ?? 0) + (social["misses"] as? Int ?? 0)
            return (status == 200 && body["instances"] as? Int == 2 && lookups == 3, body)
        }
        let social = try XCTUnwrap(fleet["social"] as? [String: Any])
        XCTAssertEqual(social["maxSize"] as? Int, 8, "the bounds are summed: 3 + 5")
        let lines = try XCTUnwrap(fleet["instanceDetail"] as? [[String: Any]])
        XCTAssertEqual(lines.count, 2)
        let perInstance = lines.compactMap { $0["social"] as? [String: Any] }
        XCTAssertEqual(Set(perInstance.compactMap { $0["maxSize"] as? Int }), [3, 5])
        for key in ["currentSize", "hits", "misses"] {
            XCTAssertEqual(
                perInstance.compactMap { $0[key] as? Int }.reduce(0, +), social[key] as? Int, "\(key) is the sum")
        }
        let hits = Double(social["hits"] as? Int ?? -1)
        XCTAssertEqual(social["hitRatePercent"] as? Double ?? -1, hits * 100 / 3, accuracy: 0.001)
        let current = Double(social["currentSize"] as? Int ?? -1)
        XCTAssertEqual(social["utilizationPercent"] as? Double ?? -1, current * 100 / 8, accuracy: 0.001)
        let health = try await first.json("/api/monitoring/system-health")
        XCTAssertEqual(health.status, 200, "\(health.body)")

        XCTAssertEqual(try second.terminate(), 0)
        let alone = try await MonitoringPoll.until("the stopped instance dropped out after its TTL") {
            let (_, body) = try await first.json("/api/monitoring/ai-models")
            return (body["instances"] as? Int == 1, body)
        }
        XCTAssertEqual((alone["social"] as? [String: Any])?["maxSize"] as? Int, 3)
        XCTAssertEqual((alone["instanceDetail"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try first.terminate(), 0)
    }
}
