import Foundation
import HTTPServe
import PrivateServices
import QueueCoreTestSupport
import XCTest

@testable import Monitoring

/// The Alertmanager sink against a real Alertmanager (started on a free loopback port) that notifies a real webhook
/// receiver: labels visible in its API, resolve, and a silence it honours.
final class AlertmanagerDeliveryTests: MonitorTestCase {
    func testAlertsFireResolveAndAreSilencedInARealAlertmanager() async throws {
        let receiver = try AlertReceiver()
        let configuration = """
            route:
              receiver: hook
              group_by: ['alertname']
              group_wait: 100ms
              group_interval: 500ms
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: \(receiver.url)/am
                    send_resolved: true
            """
        let alertmanager: ThrowawayAlertmanager
        do {
            alertmanager = try await offPool { try ThrowawayAlertmanager(configuration: configuration) }
        } catch {
            return XCTFail("\(error)")
        }
        defer { alertmanager.stop() }
        let client = try HTTPClient(configuration: .init(requestTimeout: .seconds(5)))
        defer { client.shutdown() }

        var settings = RedisTests.configuration(url: url, prefix: prefix, queues: ["email", "reports", "billing"]) {
            $0.thresholds.maxWaitingJobs = 2
        }
        settings.delivery.alertmanagerURL = alertmanager.url
        settings.delivery.externalURL = "http://dashboard.example:5000"
        let delivery = try AlertDelivery(
            configuration: settings, alertmanagerResend: .seconds(1), logger: RedisTests.quietLogger())
        XCTAssertEqual(delivery.sinks.map(\.format.name), ["alertmanager"])
        let monitor = QueueMonitor(
            configuration: settings, client: redis, sink: AlertFanOut(delivery.sinks),
            logger: RedisTests.quietLogger())
        func fill(_ queue: String) async throws {
            let keys = BullMQKeys(redis: redis, prefix: prefix, queue: queue)
            try await keys.run([keys.meta, ["LPUSH", keys.key("wait"), "1", "2", "3"]])
        }
        func alerts() async throws -> [[String: Any]] {
            let response = try await client.get(alertmanager.url + "/api/v2/alerts")
            return (try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]) ?? []
        }
        func alert(queue: String) async throws -> [String: Any]? {
            try await alerts().first { ($0["labels"] as? [String: String])?["queue"] == queue }
        }
        func notifiedQueues(status: String) -> Set<String> {
            Set(
                receiver.received.flatMap { request in
                    ((request.json["alerts"] as? [[String: Any]]) ?? []).filter { $0["status"] as? String == status }
                        .compactMap { ($0["labels"] as? [String: String])?["queue"] }
                })
        }

        // Fires: visible in Alertmanager's API with our labels, and notified.
        try await fill("email")
        _ = await monitor.collect()
        try await waitUntil("Alertmanager lists the email alert", timeout: .seconds(20)) {
            try await alert(queue: "email") != nil
        }
        let listed = try await alert(queue: "email")
        let firing = try XCTUnwrap(listed)
        XCTAssertEqual(
            firing["labels"] as? [String: String],
            ["alertname": "maxWaitingJobs", "queue": "email", "severity": "warning", "service": "maxbooster"])
        XCTAssertEqual(
            (firing["annotations"] as? [String: String])?["summary"], "maxWaitingJobs on email: value 3 (threshold 2)")
        XCTAssertEqual(firing["generatorURL"] as? String, "http://dashboard.example:5000/")
        XCTAssertEqual((firing["status"] as? [String: Any])?["state"] as? String, "active")
        try await waitUntil("Alertmanager notifies the firing alert", timeout: .seconds(20)) {
            notifiedQueues(status: "firing").contains("email")
        }

        // The queue drains: resolved there, and the resolution notified.
        let email = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        try await email.run([["DEL", email.key("wait")]])
        _ = await monitor.collect()
        try await waitUntil("Alertmanager no longer lists the email alert as active", timeout: .seconds(20)) {
            guard let alert = try await alert(queue: "email") else { return true }
            return (alert["status"] as? [String: Any])?["state"] as? String != "active"
        }
        try await waitUntil("Alertmanager notifies the resolution", timeout: .seconds(20)) {
            notifiedQueues(status: "resolved").contains("email")
        }

        // A silence on queue=reports: that alert is suppressed and never notified, while billing (same group) is.
        let now = Date()
        let silence: [String: Any] = [
            "matchers": [["name": "queue", "value": "reports", "isRegex": false, "isEqual": true]],
            "startsAt": MonitoringJSON.timestamp(now), "endsAt": MonitoringJSON.timestamp(now + 3600),
            "createdBy": "AlertmanagerDeliveryTests", "comment": "maintenance",
        ]
        let created = try await client.post(
            alertmanager.url + "/api/v2/silences", body: Array(try JSONSerialization.data(withJSONObject: silence)))
        XCTAssertEqual(created.status, 200, created.text)
        try await fill("reports")
        try await fill("billing")
        _ = await monitor.collect()
        try await waitUntil("the reports alert is suppressed by the silence", timeout: .seconds(20)) {
            let state = try await alert(queue: "reports")?["status"] as? [String: Any]
            return state?["state"] as? String == "suppressed" && !((state?["silencedBy"] as? [String]) ?? []).isEmpty
        }
        try await waitUntil("Alertmanager notifies billing", timeout: .seconds(20)) {
            notifiedQueues(status: "firing").contains("billing")
        }
        XCTAssertFalse(notifiedQueues(status: "firing").contains("reports"), "the silenced alert was notified")

        // Re-sent while firing (Alertmanager ends alerts that are not): the sink keeps posting billing.
        let sentBefore = delivery.statistics[0].sent
        try await waitUntil("the firing alerts are re-posted", timeout: .seconds(10)) {
            delivery.statistics[0].sent >= sentBefore + 2
        }
        XCTAssertEqual(delivery.statistics[0].failed + delivery.statistics[0].dropped, 0)
        await delivery.shutdown(deadline: .seconds(2))
        await receiver.stop()
    }
}
