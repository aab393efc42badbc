/// The audit log of admin actions: each ``record(_:)`` writes one `audit` line to the structured log at once and
/// hands the entry to a ``BackgroundWriter`` over an ``AuditStore`` (PostgreSQL or memory), so a database outage never
/// holds up the request that is being audited.
///
/// Thread-safe; `record` returns at once.
public final class AuditLog: Sendable {
    /// The store written to and read by `GET /api/audit`.
    public let store: any AuditStore
    private let writer: BackgroundWriter<AuditEntry>
    private let logger: StructuredLogger?

    /// An audit log over `store`; nothing is written until ``start()``.
    ///
    /// - Parameters:
    ///   - capacity: the most entries waiting for the store; default 10,000 (more are dropped, counted, and still
    ///     logged).
    ///   - retryInterval: the wait before a failed write is tried again; default 1 s.
    ///   - retentionInterval: how often expired entries are deleted; default 1 hour.
    ///   - logger: where each entry and the writer's failures go.
    public init(
        store: any AuditStore, capacity: Int = 10_000, retryInterval: Duration = .seconds(1),
        retentionInterval: Duration = .seconds(3600), logger: StructuredLogger? = nil
    ) {
        self.store = store
        self.logger = logger
        writer = BackgroundWriter(
            name: "audit", kind: store.kind, capacity: capacity, retryInterval: retryInterval,
            retentionInterval: retentionInterval, logger: logger, write: { try await store.append($0) },
            expire: { try await store.deleteExpired(nowMs: $0) })
    }

    /// Logs `entry` (`audit`: role, method, route, target, result, status) and queues it for the store.
    public func record(_ entry: AuditEntry) {
        logger?.log(
            .info, "audit",
            [
                ("role", .string(entry.role)), ("method", .string(entry.method)), ("route", .string(entry.route)),
                ("target", .string(entry.target)), ("result", .string(entry.result)),
                ("status", .integer(Int64(entry.status))),
            ])
        writer.enqueue(entry)
    }

    /// Starts the background writer; a second call does nothing.
    public func start() { writer.start() }

    /// Writes what it can of the buffer and stops the writer.
    public func stop() async { await writer.stop() }

    /// The store, its retention, the backlog and the counters.
    public var status: StoreStatus { StoreStatus(kind: store.kind, retention: store.retention, writer.counters) }
}

/// `GET /api/audit`: the entries of the window, newest first, and the store that keeps them.
public struct AuditReport: Codable, Sendable, Equatable {
    /// The entries, newest first.
    public var entries: [AuditEntry]
    /// The start of the window, ms since 1970.
    public var sinceMs: Int64
    /// The store, its retention and its writer.
    public var store: StoreStatus

    /// Creates a report.
    public init(entries: [AuditEntry], sinceMs: Int64, store: StoreStatus) {
        self.entries = entries
        self.sinceMs = sinceMs
        self.store = store
    }
}
