import Synchronization

/// An ``AlertSink`` that records every transition into an ``AlertHistoryStore`` without blocking the caller.
///
/// ``record(_:)`` appends to a bounded buffer and returns; a background task (``start()``) drains it in batches.
/// When a write fails (PostgreSQL down), the entries stay in the buffer and the write is retried every
/// `retryInterval`; transitions arriving while the buffer is full are dropped and counted (``status``). The task also
/// deletes expired entries on start and every `retentionInterval`.
///
/// Thread-safe: the buffer and counters live behind a `Mutex`; `record` may be called from any actor.
public final class AlertHistorySink: AlertSink {
    private struct State {
        var buffer: [AlertHistoryEntry] = []
        var dropped = 0
        var written = 0
        var lastError: String?
        var stopping = false
        var worker: Task<Void, Never>?
    }

    /// The store written to.
    public let store: any AlertHistoryStore
    /// The most transitions waiting at once; more are dropped.
    public let capacity: Int
    private let retryInterval: Duration
    private let retentionInterval: Duration
    private let batchSize: Int
    private let logger: StructuredLogger?
    private let state = Mutex(State())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// Creates a sink over `store`; nothing is written until ``start()``.
    ///
    /// - Parameters:
    ///   - capacity: the most transitions buffered; default 10,000.
    ///   - retryInterval: the wait before a failed write is tried again; default 1 s.
    ///   - retentionInterval: how often expired entries are deleted; default 1 hour.
    ///   - batchSize: the most entries written in one call; default 100.
    ///   - logger: where write failures and recoveries are logged (once each), if anywhere.
    public init(
        store: any AlertHistoryStore, capacity: Int = 10_000, retryInterval: Duration = .seconds(1),
        retentionInterval: Duration = .seconds(3600), batchSize: Int = 100, logger: StructuredLogger? = nil
    ) {
        self.store = store
        self.capacity = max(capacity, 1)
        self.retryInterval = retryInterval
        self.retentionInterval = retentionInterval
        self.batchSize = max(batchSize, 1)
        self.logger = logger
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Buffers `transition` for the background writer; drops it (and counts it) when the buffer is full.
    public func record(_ transition: AlertTransition) {
        let entry = AlertHistoryEntry(transition)
        let accepted = state.withLock { state in
            guard state.buffer.count < capacity else {
                state.dropped += 1
                return false
            }
            state.buffer.append(entry)
            return true
        }
        if accepted { wake.yield() }
    }

    /// Starts the background writer (and the retention task); a second call does nothing.
    public func start() {
        state.withLock { state in
            guard state.worker == nil, !state.stopping else { return }
            state.worker = Task { [self] in
                let retention = Task { await expireLoop() }
                for await _ in wakeups {
                    await drain()
                }
                retention.cancel()
                await retention.value
                // One last attempt for what is still buffered, outside the cancelled task; a store still failing
                // keeps it unwritten (no retry while stopping).
                await Task { await self.drain() }.value
            }
        }
    }

    /// Stops the writer after one last attempt to write what is buffered; waits for it.
    public func stop() async {
        let worker = state.withLock { state in
            state.stopping = true
            return state.worker
        }
        wake.finish()
        // Interrupts a retry wait; the last attempt runs in a task of its own.
        worker?.cancel()
        await worker?.value
    }

    /// The store, its retention, the backlog and the counters.
    public var status: AlertHistoryStatus {
        let days = Int(store.retention.components.seconds / 86_400)
        return state.withLock { state in
            AlertHistoryStatus(
                store: store.kind, retentionDays: days, backlog: state.buffer.count, dropped: state.dropped,
                written: state.written, lastError: state.lastError)
        }
    }

    /// Writes the buffer in batches; on failure keeps the batch and retries after `retryInterval` (once when
    /// stopping).
    private func drain() async {
        while true {
            let batch = state.withLock { Array($0.buffer.prefix(batchSize)) }
            guard !batch.isEmpty else { return }
            do {
                try await store.append(batch)
                let recovered = state.withLock { state in
                    // Only `drain` removes entries, and `record` only appends: the batch is still at the front.
                    state.buffer.removeFirst(batch.count)
                    state.written += batch.count
                    defer { state.lastError = nil }
                    return state.lastError != nil
                }
                if recovered {
                    logger?.log(.info, "alert_history.recovered", [("store", .string(store.kind))])
                }
            } catch {
                let (first, stopping) = state.withLock { state in
                    defer { state.lastError = "\(error)" }
                    return (state.lastError == nil, state.stopping)
                }
                if first {
                    logger?.log(
                        .warning, "alert_history.write_failed",
                        [
                            ("store", .string(store.kind)), ("error", .string("\(error)")),
                            ("backlog", .integer(Int64(status.backlog))),
                        ])
                }
                if stopping { return }
                do {
                    try await Task.sleep(for: retryInterval)
                } catch {
                    return
                }
            }
        }
    }

    /// Deletes expired entries now and every `retentionInterval` until cancelled.
    private func expireLoop() async {
        while !Task.isCancelled {
            do {
                let deleted = try await store.deleteExpired(nowMs: MonitoringJSON.nowMilliseconds())
                if deleted > 0 {
                    logger?.log(
                        .info, "alert_history.expired",
                        [("store", .string(store.kind)), ("deleted", .integer(Int64(deleted)))])
                }
            } catch {
                logger?.log(
                    .warning, "alert_history.expire_failed",
                    [("store", .string(store.kind)), ("error", .string("\(error)"))])
            }
            try? await Task.sleep(for: retentionInterval)
        }
    }
}
