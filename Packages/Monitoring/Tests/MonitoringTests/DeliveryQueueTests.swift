import Foundation
import QueueCoreTestSupport
import XCTest

@testable import Monitoring

/// A delivery queue against a real HTTP receiver (HTTPServe): retries until the receiver answers, bounded with drops
/// counted, gives up after its last attempt, and the URLSession transport delivering the same request.
final class DeliveryQueueTests: XCTestCase {
    private let quick = DeliveryQueue.Configuration(
        capacity: 1_000,
        retry: DeliveryRetry(maxAttempts: 4, initialDelay: .milliseconds(50), maxDelay: .milliseconds(200)),
        timeout: .seconds(5))

    private func request(_ key: String) -> DeliveryRequest {
        DeliveryRequest(body: Array(#"{"k":"\#(key)"}"#.utf8), headers: [("Idempotency-Key", key)], idempotencyKey: key)
    }

    func testAReceiverAnswering503IsRetriedUntilItAcceptsAndTheCountersSaySo() async throws {
        let receiver = try AlertReceiver()
        receiver.answer(503, 503)
        let queue = DeliveryQueue(
            name: "webhook", url: receiver.url + "/hook", redactedURL: receiver.url,
            transport: try HTTPClientTransport(timeout: .seconds(5)), configuration: quick,
            logger: RedisTests.quietLogger())
        XCTAssertTrue(queue.enqueue(request("a")))
        try await waitUntil("the notification is sent", timeout: .seconds(10)) { queue.statistics.sent == 1 }
        await queue.shutdown(deadline: .seconds(2))
        await receiver.stop()
        XCTAssertEqual(receiver.received.count, 3)
        XCTAssertEqual(Set(receiver.received.map { $0.headers["Idempotency-Key"] }), ["a"], "the same key every time")
        XCTAssertEqual(queue.statistics.retried, 2)
        XCTAssertEqual(queue.statistics.failed, 0)
    }

    func testARefusingReceiverIsNotRetriedAndAFailingOneIsGivenUpAfterTheLastAttempt() async throws {
        let receiver = try AlertReceiver()
        receiver.answer(400, 500, 500, 500, 500)
        let queue = DeliveryQueue(
            name: "webhook", url: receiver.url + "/hook", redactedURL: receiver.url,
            transport: try HTTPClientTransport(timeout: .seconds(5)), configuration: quick,
            logger: RedisTests.quietLogger())
        queue.enqueue(request("refused"))
        queue.enqueue(request("failing"))
        try await waitUntil("both are given up on", timeout: .seconds(10)) { queue.statistics.failed == 2 }
        await queue.shutdown(deadline: .seconds(2))
        await receiver.stop()
        XCTAssertEqual(
            receiver.received.map { $0.headers["Idempotency-Key"] }, ["refused"] + Array(repeating: "failing", count: 4)
        )
        XCTAssertEqual(queue.statistics.retried, 3)
        XCTAssertEqual(queue.statistics.sent, 0)
    }

    func testAFullQueueDropsAndCountsWithoutWaitingAndDeliversTheRestOnceTheReceiverAnswers() async throws {
        let receiver = try AlertReceiver(holding: true)
        let queue = DeliveryQueue(
            name: "webhook", url: receiver.url + "/hook", redactedURL: receiver.url,
            transport: try HTTPClientTransport(timeout: .seconds(10)),
            configuration: .init(capacity: 3, retry: quick.retry, timeout: .seconds(10)),
            logger: RedisTests.quietLogger())
        queue.enqueue(request("first"))
        try await waitUntil("the first is in flight", timeout: .seconds(10)) { receiver.received.count == 1 }
        let accepted = (0..<10).map { queue.enqueue(request("n\($0)")) }
        XCTAssertEqual(accepted, Array(repeating: true, count: 3) + Array(repeating: false, count: 7))
        XCTAssertEqual(queue.statistics.dropped, 7)
        XCTAssertEqual(queue.statistics.depth, 3)
        let metrics = PrometheusRenderer.render(
            monitor: MonitorSnapshot(), aiModels: nil, health: nil, delivery: [queue.statistics])
        XCTAssertTrue(
            metrics.contains(#"maxbooster_alert_notifications_total{sink="webhook",outcome="dropped"} 7"#), metrics)
        XCTAssertTrue(metrics.contains(#"maxbooster_alert_delivery_queue_depth{sink="webhook"} 3"#), metrics)
        receiver.release()
        try await waitUntil("the queued ones are sent", timeout: .seconds(10)) { queue.statistics.sent == 4 }
        await queue.shutdown(deadline: .seconds(2))
        await receiver.stop()
        XCTAssertEqual(receiver.received.map { $0.headers["Idempotency-Key"] }, ["first", "n0", "n1", "n2"])
        XCTAssertEqual(queue.statistics.depth, 0)
        XCTAssertFalse(queue.enqueue(request("late")), "a stopped queue takes nothing")
    }

    func testTheURLSessionTransportPostsTheSameBodyAndHeaders() async throws {
        let receiver = try AlertReceiver()
        let transport = URLSessionTransport(timeout: .seconds(5))
        let status = try await transport.post(request("via-urlsession"), to: receiver.url + "/hook")
        transport.shutdown()
        await receiver.stop()
        XCTAssertEqual(status, 200)
        XCTAssertEqual(receiver.received.first?.headers["Idempotency-Key"], "via-urlsession")
        XCTAssertEqual(receiver.received.first?.headers["Content-Type"], "application/json")
        XCTAssertEqual(receiver.received.first?.body, request("via-urlsession").body)
    }
}
