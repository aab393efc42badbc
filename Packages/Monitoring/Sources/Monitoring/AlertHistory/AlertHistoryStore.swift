import Essentials

/// Where alert transitions are kept: PostgreSQL (``PostgresAlertHistoryStore``) or memory
/// (``MemoryAlertHistoryStore``), both bounded by a retention. ``AlertHistorySink`` writes to one in the background.
public protocol AlertHistoryStore: Sendable {
    /// `postgresql` or `memory`, as the API names the store serving the history.
    var kind: String { get }
    /// How long entries are kept.
    var retention: Duration { get }
    /// Stores `entries` (oldest first); throws when they could not be stored, and then none of them is.
    func append(_ entries: [AlertHistoryEntry]) async throws
    /// The entries matching `query`, newest first.
    func entries(matching query: AlertHistoryQuery) async throws -> [AlertHistoryEntry]
    /// Deletes the entries observed before `nowMs` minus ``retention``; returns how many.
    @discardableResult
    func deleteExpired(nowMs: Int64) async throws -> Int
}

extension AlertHistoryStore {
    /// The oldest instant kept at `nowMs`, ms since 1970.
    public func cutoff(nowMs: Int64) -> Int64 {
        nowMs - retention.wholeMilliseconds
    }
}
