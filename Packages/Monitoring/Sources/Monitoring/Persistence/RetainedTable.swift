import Foundation
import PostgresClient
import Synchronization

/// The table of a PostgreSQL store with a retention (``PostgresAlertHistoryStore``, ``PostgresAuditStore``): the
/// database, how long rows are kept, and the table's migrations, applied before the first statement that reaches the
/// server, so a store can be made while PostgreSQL is down.
///
/// Thread-safe; applying twice at once is harmless (``PostgresClient/migrate(_:)`` is idempotent and safe from several
/// processes at once).
final class RetainedTable: Sendable {
    /// The database.
    let database: PostgresClient
    /// How long rows are kept.
    let retention: Duration
    private let migrations: [Migration]
    private let applied = Mutex(false)

    init(database: PostgresClient, retention: Duration, migrations: [Migration]) {
        self.database = database
        self.retention = retention
        self.migrations = migrations
    }

    /// The oldest instant kept at `nowMs`, as a `timestamptz` parameter.
    func cutoff(nowMs: Int64) -> PostgresValue { .date(EpochMilliseconds.date(nowMs - retention.wholeMilliseconds)) }

    /// Applies the migrations now.
    func apply() async throws {
        try await database.migrate(migrations)
        applied.withLock { $0 = true }
    }

    /// Applies the migrations unless they were applied already.
    func ensure() async throws {
        if !applied.withLock({ $0 }) { try await apply() }
    }
}

/// Instants as PostgreSQL `timestamptz` values and back, to the millisecond.
enum EpochMilliseconds {
    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
