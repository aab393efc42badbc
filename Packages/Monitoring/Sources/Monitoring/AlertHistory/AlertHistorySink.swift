/// An ``AlertSink`` that records every transition into an ``AlertHistoryStore`` without blocking the caller, through
/// a ``BackgroundWriter`` (bounded buffer, retries while the store fails, drops counted, expired entries deleted on
/// start and every `retentionInterval`).
///
/// Thread-safe; `record` may be called from any actor.
public final class AlertHistorySink: AlertSink {
    /// The store written to.
    public let store: any AlertHistoryStore
    private let writer: BackgroundWriter<AlertHistoryEntry>

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
        writer = BackgroundWriter(
            name: "alert_history", kind: store.kind, capacity: capacity, retryInterval: retryInterval,
            retentionInterval: retentionInterval, batchSize: batchSize, logger: logger,
            write: { try await store.append($0) }, expire: { try await store.deleteExpired(nowMs: $0) })
    }

    /// The most transitions waiting at once; more are dropped.
    public var capacity: Int { writer.capacity }

    /// Buffers `transition` for the background writer; drops it (and counts it) when the buffer is full.
    public func record(_ transition: AlertTransition) {
        writer.enqueue(AlertHistoryEntry(transition))
    }

    /// Starts the background writer (and the retention task); a second call does nothing.
    public func start() { writer.start() }

    /// Stops the writer after one last attempt to write what is buffered; waits for it.
    public func stop() async { await writer.stop() }

    /// The store, its retention, the backlog and the counters.
    public var status: AlertHistoryStatus { StoreStatus(kind: store.kind, retention: store.retention, writer.counters) }
}
