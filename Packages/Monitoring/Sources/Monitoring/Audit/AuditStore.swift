/// Where audit entries are kept: PostgreSQL (``PostgresAuditStore``) or memory (``MemoryAuditStore``), both bounded
/// by a retention. ``AuditLog`` writes to one in the background.
public protocol AuditStore: Sendable {
    /// `postgresql` or `memory`.
    var kind: String { get }
    /// How long entries are kept (`AUDIT_RETENTION_DAYS`).
    var retention: Duration { get }
    /// Stores `entries` (oldest first); throws when they could not be stored, and then none of them is.
    func append(_ entries: [AuditEntry]) async throws
    /// At most `limit` entries at or after `sinceMs`, newest first.
    func entries(sinceMs: Int64, limit: Int) async throws -> [AuditEntry]
    /// Deletes the entries older than `nowMs` minus ``retention``; returns how many.
    @discardableResult
    func deleteExpired(nowMs: Int64) async throws -> Int
}

/// The bounds of an audit query (`GET /api/audit`, `maxctl audit`).
public enum AuditQuery {
    /// The default window: the last 24 hours.
    public static let defaultWindow: Duration = .seconds(86_400)
    /// The default number of entries.
    public static let defaultLimit = 100
    /// The most entries one query returns.
    public static let maxLimit = 10_000
}
