import Synchronization

/// Appends entries to a store in the background so the caller never waits for it: the one writer behind the alert
/// history (``AlertHistorySink``) and the audit log (``AuditLog``).
///
/// ``enqueue(_:)`` appends to a bounded buffer and returns; a task (``start()``) drains it in batches through
/// `write`. When a write fails (PostgreSQL down), the batch stays in the buffer and is retried every `retryInterval`;
/// entries arriving while the buffer is full are dropped and counted. The task also calls `expire` on start and every
/// `retentionInterval`. Failures and recoveries are logged once each as `<name>.write_failed` / `<name>.recovered`.
///
/// Thread-safe: the buffer and counters live behind a `Mutex`; `enqueue` may be called from any task or actor.
public final class BackgroundWriter<Entry: Sendable>: Sendable {
    private struct State {
        var buffer: [Entry] = []
        var dropped = 0
        var written = 0
        var lastError: String?
        var stopping = false
        var worker: Task<Void, Never>?
    }

    /// The backlog and counters since start.
    public struct Counters: Sendable, Equatable {
        /// Entries waiting to be written.
        public var backlog: Int
        /// Entries dropped because the buffer was full.
        public var dropped: Int
        /// Entries written.
        public var written: Int
        /// Why the last write failed, while writes fail; nil when the last one succeeded.
        public var lastError: String?
    }

    /// The log event prefix (`alert_history`, `audit`).
    public let name: String
    /// The store's kind for log lines (`postgresql`, `memory`).
    public let kind: String
    /// The most entries waiting at once; more are dropped.
    public let capacity: Int
    private let retryInterval: Duration
    private let retentionInterval: Duration
    private let batchSize: Int
    private let logger: StructuredLogger?
    private let write: @Sendable ([Entry]) async throws -> Void
    private let expire: @Sendable (_ nowMs: Int64) async throws -> Int
    private let state = Mutex(State())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// Creates a writer; nothing is written until ``start()``.
    ///
    /// - Parameters:
    ///   - name: the prefix of its log events.
    ///   - kind: the store's kind, named in its log lines.
    ///   - capacity: the most entries buffered; default 10,000.
    ///   - retryInterval: the wait before a failed write is tried again; default 1 s.
    ///   - retentionInterval: how often `expire` runs; default 1 hour.
    ///   - batchSize: the most entries written in one call; default 100.
    ///   - logger: where write failures, recoveries and expiries are logged, if anywhere.
    ///   - write: stores a batch (oldest first), all or none; throws when it could not.
    ///   - expire: deletes what is older than the retention at `nowMs`; returns how many.
    public init(
        name: String, kind: String, capacity: Int = 10_000, retryInterval: Duration = .seconds(1),
        retentionInterval: Duration = .seconds(3600), batchSize: Int = 100, logger: StructuredLogger? = nil,
        write: @escaping @Sendable ([Entry]) async throws -> Void,
        expire: @escaping @Sendable (_ nowMs: Int64) async throws -> Int
    ) {
        self.name = name
        self.kind = kind
        self.capacity = max(capacity, 1)
        self.retryInterval = retryInterval
        self.retentionInterval = retentionInterval
        self.batchSize = max(batchSize, 1)
        self.logger = logger
        self.write = write
        self.expire = expire
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Buffers `entry` for the background task; false (and counted) when the buffer is full.
    @discardableResult
    public func enqueue(_ entry: Entry) -> Bool {
        let accepted = state.withLock { state in
            guard state.buffer.count < capacity else {
                state.dropped += 1
                return false
            }
            state.buffer.append(entry)
            return true
        }
        if accepted { wake.yield() }
        return accepted
    }

    /// Starts the background task (and the expiry loop); a second call does nothing.
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

    /// Stops the task after one last attempt to write what is buffered; waits for it.
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

    /// The backlog and counters now.
    public var counters: Counters {
        state.withLock { state in
            Counters(
                backlog: state.buffer.count, dropped: state.dropped, written: state.written,
                lastError: state.lastError)
        }
    }

    /// Writes the buffer in batches; on failure keeps the batch and retries after `retryInterval` (once when
    /// stopping).
    private func drain() async {
        while true {
            let batch = state.withLock { Array($0.buffer.prefix(batchSize)) }
            guard !batch.isEmpty else { return }
            do {
                try await write(batch)
                let recovered = state.withLock { state in
                    // Only `drain` removes entries, and `enqueue` only appends: the batch is still at the front.
                    state.buffer.removeFirst(batch.count)
                    state.written += batch.count
                    defer { state.lastError = nil }
                    return state.lastError != nil
                }
                if recovered { logger?.log(.info, "\(name).recovered", [("store", .string(kind))]) }
            } catch {
                let (first, stopping, backlog) = state.withLock { state in
                    defer { state.lastError = "\(error)" }
                    return (state.lastError == nil, state.stopping, state.buffer.count)
                }
                if first {
                    logger?.log(
                        .warning, "\(name).write_failed",
                        [
                            ("store", .string(kind)), ("error", .string("\(error)")),
                            ("backlog", .integer(Int64(backlog))),
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

    /// Runs `expire` now and every `retentionInterval` until cancelled.
    private func expireLoop() async {
        while !Task.isCancelled {
            do {
                let deleted = try await expire(MonitoringJSON.nowMilliseconds())
                if deleted > 0 {
                    logger?.log(
                        .info, "\(name).expired", [("store", .string(kind)), ("deleted", .integer(Int64(deleted)))])
                }
            } catch {
                logger?.log(
                    .warning, "\(name).expire_failed", [("store", .string(kind)), ("error", .string("\(error)"))])
            }
            try? await Task.sleep(for: retentionInterval)
        }
    }
}
