import Foundation
import PostgresClient

/// The audit log in PostgreSQL: the `audit_log` table, one row per admin action (or refused write), indexed by time;
/// rows older than the retention are deleted by ``deleteExpired(nowMs:)`` (``AuditLog`` calls it on start and every
/// hour). The table is created on first use, so a store can be made while PostgreSQL is down. Thread-safe.
public final class PostgresAuditStore: AuditStore {
    /// The migration that creates `audit_log` (version 802; 801 is the alert history, 710 the baselines).
    public static let migrations = [
        Migration(
            version: 802, name: "create_audit_log",
            sql: """
                CREATE TABLE audit_log (
                    id bigserial PRIMARY KEY,
                    time timestamptz NOT NULL,
                    role text NOT NULL,
                    method text NOT NULL,
                    route text NOT NULL,
                    target text NOT NULL,
                    result text NOT NULL,
                    status integer NOT NULL
                );
                CREATE INDEX audit_log_time ON audit_log (time);
                """)
    ]

    /// `postgresql`.
    public let kind = "postgresql"
    private let table: RetainedTable
    /// How long rows are kept.
    public var retention: Duration { table.retention }
    /// The database.
    public var database: PostgresClient { table.database }

    /// A store on `database` keeping rows `retention`; the table is created on first use (or by ``migrate()``).
    public init(database: PostgresClient, retention: Duration) {
        table = RetainedTable(database: database, retention: retention, migrations: Self.migrations)
    }

    /// Creates the table if needed.
    public func migrate() async throws { try await table.apply() }

    /// Inserts `entries` in one transaction: all or none.
    public func append(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await table.ensure()
        try await database.withTransaction { transaction in
            for entry in entries {
                try await transaction.execute(
                    "INSERT INTO audit_log (time, role, method, route, target, result, status)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [
                        .date(EpochMilliseconds.date(entry.timestampMs)), .string(entry.role), .string(entry.method),
                        .string(entry.route), .string(entry.target), .string(entry.result), .int(entry.status),
                    ])
            }
        }
    }

    /// At most `limit` rows at or after `sinceMs`, newest first.
    public func entries(sinceMs: Int64, limit: Int) async throws -> [AuditEntry] {
        try await table.ensure()
        let rows = try await database.query(
            "SELECT time, role, method, route, target, result, status FROM audit_log WHERE time >= $1"
                + " ORDER BY time DESC, id DESC LIMIT $2",
            [.date(EpochMilliseconds.date(sinceMs)), .int(limit)])
        return try rows.map { row in
            AuditEntry(
                timestampMs: EpochMilliseconds.milliseconds(try row.decode(Date.self, "time")),
                role: try row.decode(String.self, "role"), method: try row.decode(String.self, "method"),
                route: try row.decode(String.self, "route"), target: try row.decode(String.self, "target"),
                result: try row.decode(String.self, "result"), status: try row.decode(Int.self, "status"))
        }
    }

    /// Deletes the rows older than `nowMs` minus the retention.
    @discardableResult
    public func deleteExpired(nowMs: Int64) async throws -> Int {
        try await table.ensure()
        return try await database.execute(
            "DELETE FROM audit_log WHERE time < $1", [table.cutoff(nowMs: nowMs)])
    }
}
