import HTTPServe
import Monitoring
import XCTest

@testable import monitoring_api

/// `GET /api/monitoring/alerts` over a real HTTPServer: active alerts from the monitor's snapshot, history from a
/// memory store, the filters, the 400s and the token.
extension APIRoutesTests {
    private var now: Int64 { Self.alertsNow }

    private func historyAlert(_ subject: String, sinceMs: Int64) -> Alert {
        Alert(
            alert: .maxWaitingJobs, subject: subject, severity: .warning, value: 5, threshold: 2,
            message: "\(subject) has 5 waiting jobs", sinceMs: sinceMs)
    }

    private func serveWithHistory(token: String? = nil) async throws -> (HTTPServer, HTTPClient, String) {
        var snapshot = APIRoutesTests.collectedForAlerts
        snapshot.alerts = [historyAlert("mail", sinceMs: now - 60_000)]
        let store = MemoryAlertHistoryStore(retention: .seconds(86_400 * 30))
        try await store.append([
            AlertHistoryEntry(
                AlertTransition(
                    kind: .fired, alert: historyAlert("posts", sinceMs: now - 7_200_000), timeMs: now - 7_200_000)),
            AlertHistoryEntry(
                AlertTransition(
                    kind: .resolved, alert: historyAlert("posts", sinceMs: now - 7_200_000), timeMs: now - 3_600_000)),
            AlertHistoryEntry(
                AlertTransition(kind: .fired, alert: historyAlert("mail", sinceMs: now - 60_000), timeMs: now - 60_000)),
        ])
        return try await serve(snapshot, token: token, alertHistory: AlertHistorySink(store: store))
    }

    private func alertsReport(_ client: HTTPClient, _ url: String) async throws -> AlertsReport {
        let response = try await client.get(url)
        XCTAssertEqual(response.status, 200, response.text)
        return try JSONDecoder().decode(AlertsReport.self, from: Data(response.body))
    }

    func testAlertsServesTheActiveAlertsAndTheLastDayOfHistoryNewestFirst() async throws {
        let (server, client, base) = try await serveWithHistory()
        let all = try await alertsReport(client, base + "/api/monitoring/alerts")
        XCTAssertEqual(all.active.map(\.subject), ["mail"])
        XCTAssertEqual(all.history.map(\.kind), [.fired, .resolved, .fired])
        XCTAssertEqual(all.history.map(\.subject), ["mail", "posts", "posts"])
        XCTAssertEqual(all.historyStore.store, "memory")
        XCTAssertEqual(all.historyStore.retentionDays, 30)
        XCTAssertEqual(all.sinceMs, all.timestampMs - 86_400_000, "the default window is 24h")
        let text = try await client.get(base + "/api/monitoring/alerts").text
        XCTAssertTrue(text.contains(#""time":"20"#), "instants are ISO 8601: \(text)")
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testAlertsStateSinceAndQueueFilterBothListsAndBadValuesAre400s() async throws {
        let (server, client, base) = try await serveWithHistory()
        let posts = try await alertsReport(client, base + "/api/monitoring/alerts?queue=posts")
        XCTAssertEqual(posts.active, [])
        XCTAssertEqual(posts.history.map(\.kind), [.resolved, .fired])
        let resolved = try await alertsReport(client, base + "/api/monitoring/alerts?state=resolved")
        XCTAssertEqual(resolved.active, [])
        XCTAssertEqual(resolved.history.map(\.subject), ["posts"])
        let firing = try await alertsReport(client, base + "/api/monitoring/alerts?state=firing&since=90m")
        XCTAssertEqual(firing.active.map(\.subject), ["mail"])
        XCTAssertEqual(firing.history.map(\.subject), ["mail"])
        let future = MonitoringJSON.timestamp(milliseconds: now + 3_600_000)
        let none = try await alertsReport(client, base + "/api/monitoring/alerts?since=\(future)")
        XCTAssertEqual(none.history, [])
        for (query, fragment) in [("since=yesterday", "since must be"), ("state=burning", "state must be one of")] {
            let response = try await client.get(base + "/api/monitoring/alerts?" + query)
            XCTAssertEqual(response.status, 400, query)
            XCTAssertEqual(errorCode(response), "invalid_parameter")
            XCTAssertTrue(response.text.contains(fragment), response.text)
        }
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }

    func testAlertsRouteNeedsTheToken() async throws {
        let (server, client, base) = try await serveWithHistory(token: "s3cret")
        let refused = try await client.get(base + "/api/monitoring/alerts")
        XCTAssertEqual(refused.status, 401)
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Bearer s3cret")
        let accepted = try await client.send(method: "GET", url: base + "/api/monitoring/alerts", headers: headers)
        XCTAssertEqual(accepted.status, 200)
        client.shutdown()
        await server.shutdown(deadline: .seconds(1))
    }
}
