import Essentials
import Synchronization

/// One sink's bounded queue of outgoing requests and the background task that sends them, so that a slow or dead
/// receiver never delays a collection: ``enqueue(_:)`` returns at once, and when the queue is full the request is
/// dropped and counted (docs/adr/0007-alert-delivery-never-blocks-collection.md).
///
/// The worker task sends one request at a time, in order, retrying with ``DeliveryRetry``'s capped exponential
/// backoff (5xx, 408, 429 and no answer), and gives up after its last attempt (counted `failed`). Counters are
/// read with ``statistics``. ``shutdown(deadline:)`` stops taking requests and drains the queue until the deadline.
public final class DeliveryQueue: Sendable {
    /// Capacity, retries and timeouts. Every parameter has a documented default.
    public struct Configuration: Sendable {
        /// Requests waiting at most (default 1,000); one more is dropped.
        public var capacity: Int
        /// Attempts and backoff (default ``DeliveryRetry/init(maxAttempts:initialDelay:maxDelay:)``'s).
        public var retry: DeliveryRetry
        /// Bound on one exchange, connecting included (default 10 s).
        public var timeout: Duration

        /// Creates a configuration; see each property for its default.
        public init(capacity: Int = 1_000, retry: DeliveryRetry = DeliveryRetry(), timeout: Duration = .seconds(10)) {
            self.capacity = capacity
            self.retry = retry
            self.timeout = timeout
        }
    }

    /// The sink's name (logs, `/metrics`).
    public let name: String
    /// The receiver's URL as logs show it (``URLRedaction``).
    public let redactedURL: String
    private let continuation: AsyncStream<DeliveryRequest>.Continuation
    private let counters: DeliveryCounters
    private let worker: Mutex<Task<Void, Never>?>
    private let transport: any DeliveryTransport
    private let drops: RateLimitedLog

    /// Creates the queue and starts its worker task.
    ///
    /// - Parameters:
    ///   - name: the sink's name.
    ///   - url: where requests are POSTed (never logged whole: see ``redactedURL``).
    ///   - redactedURL: how logs name it.
    ///   - transport: sends the requests; shut down by ``shutdown(deadline:)``.
    ///   - configuration: capacity and retries.
    ///   - logger: failures (`alert.delivery_failed`), drops (`alert.delivery_dropped`, at most 5 lines a second).
    public init(
        name: String, url: String, redactedURL: String, transport: any DeliveryTransport,
        configuration: Configuration = Configuration(), logger: StructuredLogger
    ) {
        self.name = name
        self.redactedURL = redactedURL
        self.transport = transport
        let counters = DeliveryCounters(sink: name)
        self.counters = counters
        drops = RateLimitedLog(
            logger: logger, level: .warning, event: "alert.delivery_dropped",
            summaryEvent: "alert.delivery_drops_suppressed", limit: 5, window: .seconds(1))
        let (stream, continuation) = AsyncStream.makeStream(
            of: DeliveryRequest.self, bufferingPolicy: .bufferingOldest(max(1, configuration.capacity)))
        self.continuation = continuation
        let sender = Sender(
            name: name, url: url, redactedURL: redactedURL, transport: transport, retry: configuration.retry,
            counters: counters, logger: logger)
        worker = Mutex(
            Task {
                for await request in stream {
                    counters.value.withLock { $0.depth -= 1 }
                    await sender.deliver(request)
                }
            })
    }

    /// Queues `request` and returns at once; false (and counted as dropped) when the queue is full or stopped.
    @discardableResult
    public func enqueue(_ request: DeliveryRequest) -> Bool {
        // Counted before the yield, so the worker's decrement never sees the depth go below zero.
        counters.value.withLock { $0.depth += 1 }
        switch continuation.yield(request) {
        case .enqueued: return true
        case .dropped, .terminated:
            counters.value.withLock {
                $0.depth -= 1
                $0.dropped += 1
            }
            drops.log([
                ("sink", .string(name)), ("url", .string(redactedURL)),
                ("idempotencyKey", .string(request.idempotencyKey)),
            ])
            return false
        @unknown default: return false
        }
    }

    /// The counters now.
    public var statistics: DeliveryStatistics { counters.value.withLock { $0 } }

    /// Stops taking requests, lets the worker send what is queued until `deadline` passes, then cancels it (a request
    /// in flight is abandoned) and shuts the transport down. Idempotent.
    public func shutdown(deadline: Duration) async {
        continuation.finish()
        guard let task = worker.withLock({ $0.take() }) else { return }
        do {
            try await withDeadline(deadline) { await task.value }
        } catch {
            task.cancel()
        }
        transport.shutdown()
    }
}

/// The worker's side: one request through its attempts.
private struct Sender: Sendable {
    let name: String
    let url: String
    let redactedURL: String
    let transport: any DeliveryTransport
    let retry: DeliveryRetry
    let counters: DeliveryCounters
    let logger: StructuredLogger

    func deliver(_ request: DeliveryRequest) async {
        var attempt = 1
        while true {
            let reason: String
            do {
                let status = try await transport.post(request, to: url)
                if (200..<300).contains(status) {
                    counters.value.withLock { $0.sent += 1 }
                    return
                }
                reason = "answered \(status)"
                if !DeliveryRetry.isRetryable(status: status) {
                    return fail(request, attempt: attempt, reason: reason + " (not retried)")
                }
            } catch {
                reason = "no answer: \(error)"
            }
            guard let delay = retry.delay(afterAttempt: attempt), !Task.isCancelled else {
                return fail(request, attempt: attempt, reason: reason)
            }
            logger.log(
                .debug, "alert.delivery_retry",
                [
                    ("sink", .string(name)), ("url", .string(redactedURL)), ("attempt", .integer(Int64(attempt))),
                    ("reason", .string(reason)), ("retryInMs", .integer(delay.wholeMilliseconds)),
                ])
            do {
                try await Task.sleep(for: delay)
            } catch {
                return fail(request, attempt: attempt, reason: reason + "; stopped")
            }
            counters.value.withLock { $0.retried += 1 }
            attempt += 1
        }
    }

    private func fail(_ request: DeliveryRequest, attempt: Int, reason: String) {
        counters.value.withLock { $0.failed += 1 }
        logger.log(
            .warning, "alert.delivery_failed",
            [
                ("sink", .string(name)), ("url", .string(redactedURL)),
                ("idempotencyKey", .string(request.idempotencyKey)), ("attempts", .integer(Int64(attempt))),
                ("reason", .string(reason)),
            ])
    }
}

/// The counters shared by the queue (enqueue, drops) and its worker (sent, failed, retried).
private final class DeliveryCounters: Sendable {
    let value: Mutex<DeliveryStatistics>

    init(sink: String) {
        value = Mutex(DeliveryStatistics(sink: sink))
    }
}
