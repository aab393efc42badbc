import Chaos
import Essentials
import Foundation
import QueueCoreTestSupport
import XCTest

@testable import Monitoring

/// Delivery through the real monitor path: a real `QueueMonitor` on Redis, a real webhook sink, a real HTTP receiver
/// (and the Chaos fault proxy in front of it for the slow and down sink).
final class AlertDeliveryMonitorTests: MonitorTestCase {
    func testAValueOscillatingInsideTheHysteresisBandIsDeliveredAsOneFiringAndOneResolvedSigned() async throws {
        let receiver = try AlertReceiver()
        let secret = "whsec-\(UUID().uuidString)"
        let sink = try DeliverySink(
            format: WebhookFormat(secret: secret), url: receiver.url + "/alerts", minimumSeverity: .warning,
            externalURL: "http://dashboard.example", logger: RedisTests.quietLogger())
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        let monitor = monitor(queues: ["email"], sink: AlertFanOut([sink])) {
            $0.thresholds.maxWaitingJobs = 20
            $0.rules[.maxWaitingJobs] = AlertRuleSettings(resolve: 15)
        }
        try await queue.run([queue.meta, ["LPUSH", queue.key("wait")] + (1...21).map(String.init)])
        var values: [Double] = []
        values += await monitor.collect().alerts.map(\.value)
        for _ in 0..<20 {
            try await queue.run([["RPOP", queue.key("wait")], ["RPOP", queue.key("wait")]])  // 19: inside the band
            values += await monitor.collect().alerts.map(\.value)
            try await queue.run([["LPUSH", queue.key("wait"), "a", "b"]])  // 21: above the threshold again
            values += await monitor.collect().alerts.map(\.value)
        }
        XCTAssertEqual(values.count, 41, "firing at every collection of the oscillation")
        try await queue.run([["LTRIM", queue.key("wait"), "0", "9"]])  // 10: at the resolve threshold and below
        let resolved = await monitor.collect()
        XCTAssertTrue(resolved.alerts.isEmpty)
        try await waitUntil("the receiver has both notifications", timeout: .seconds(10)) {
            sink.statistics.sent == 2
        }
        await sink.shutdown(deadline: .seconds(2))
        await receiver.stop()

        let received = receiver.received
        XCTAssertEqual(received.map { $0.json["status"] as? String }, ["firing", "resolved"])
        XCTAssertEqual(received.map { $0.json["value"] as? Double }, [21, 10])
        for request in received {
            XCTAssertTrue(request.signatureVerifies(secret: secret), "HMAC-SHA-256 over the exact body")
            XCTAssertFalse(request.signatureVerifies(secret: secret + "x"))
            XCTAssertEqual(request.headers["Idempotency-Key"], request.json["idempotencyKey"] as? String)
            XCTAssertEqual(request.json["alert"] as? String, "maxWaitingJobs")
            XCTAssertEqual(request.json["subject"] as? String, "email")
        }
        XCTAssertEqual(sink.statistics.dropped + sink.statistics.failed, 0)
    }

    func testASinkThatHangsOrIsDownNeverDelaysACollection() async throws {
        let receiver = try AlertReceiver()
        let proxy = try FaultProxy(upstreamPort: receiver.port)
        defer { proxy.stop() }
        proxy.set(.blackhole)  // accepts and reads, never answers: the slowest receiver there is
        let sink = try DeliverySink(
            format: WebhookFormat(secret: nil), url: "http://127.0.0.1:\(proxy.port)/alerts",
            externalURL: "http://dashboard.example",
            configuration: .init(capacity: 4, retry: DeliveryRetry(maxAttempts: 2), timeout: .seconds(60)),
            logger: RedisTests.quietLogger())
        let queue = BullMQKeys(redis: redis, prefix: prefix, queue: "email")
        let monitor = monitor(queues: ["email"], sink: AlertFanOut([sink])) { $0.thresholds.maxWaitingJobs = 1 }
        try await queue.run([queue.meta])

        // Each round fires and resolves the alert: two notifications per collection pair, none ever answered.
        func round() async throws {
            try await queue.run([["LPUSH", queue.key("wait"), "1", "2"]])
            let fired = try await withDeadline(.seconds(10)) { await monitor.collect() }
            XCTAssertEqual(fired.alerts.map(\.alert), [.maxWaitingJobs])
            XCTAssertNil(fired.lastError)
            try await queue.run([["DEL", queue.key("wait")]])
            let resolved = try await withDeadline(.seconds(10)) { await monitor.collect() }
            XCTAssertTrue(resolved.alerts.isEmpty)
        }
        for _ in 0..<6 { try await round() }
        let hanging = sink.statistics
        XCTAssertEqual(hanging.sent, 0)
        XCTAssertEqual(hanging.depth, 4, "the queue is full behind the request that hangs")
        XCTAssertEqual(hanging.dropped, 12 - 4 - 1, "the rest dropped and counted")

        proxy.set(.down)  // refused connections: the in-flight request fails, retries, gives up
        for _ in 0..<3 { try await round() }
        try await waitUntil("the sink gives up on refused deliveries", timeout: .seconds(20)) {
            sink.statistics.failed >= 1
        }

        proxy.set(.none)
        try await round()
        try await waitUntil("the receiver gets notifications again", timeout: .seconds(20)) {
            sink.statistics.sent >= 1
        }
        await sink.shutdown(deadline: .seconds(1))
        await receiver.stop()
    }
}
