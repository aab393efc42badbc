import Foundation
import PostgresClient

/// The alert history in PostgreSQL: the `alert_history` table, one row per transition, indexed by time and by
/// subject and time; rows older than the retention are deleted by ``deleteExpired(nowMs:)`` (``AlertHistorySink``
/// calls it on start and every hour).
///
/// The table is created on first use (the migration runs before the first statement that succeeds in reaching the
/// server), so a store can be made while PostgreSQL is down. Thread-safe (`PostgresClient` pools its connections and
/// runs libpq off the cooperative pool; the migrated flag sits behind a `Mutex`).
public final class PostgresAlertHistoryStore: AlertHistoryStore {
    /// The migration that creates `alert_history` and its indexes (version 801; QueueCore's tables use 701–704).
    public static let migrations = [
        Migration(
            version: 801, name: "create_alert_history",
            sql: """
                CREATE TABLE alert_history (
                    id bigserial PRIMARY KEY,
                    time timestamptz NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('fired', 'repeated', 'resolved')),
                    rule text NOT NULL,
                    subject text NOT NULL,
                    severity text NOT NULL,
                    value double precision NOT NULL,
                    threshold double precision NOT NULL,
                    message text NOT NULL,
                    since timestamptz NOT NULL,
                    labels jsonb NOT NULL DEFAULT '{}'
                );
                CREATE INDEX alert_history_time ON alert_history (time);
                CREATE INDEX alert_history_subject_time ON alert_history (subject, time);
                """)
    ]

    /// `postgresql`.
    public let kind = "postgresql"
    private let table: RetainedTable
    /// How long rows are kept.
    public var retention: Duration { table.retention }
    /// The database.
    public var database: PostgresClient { table.database }

    /// A store on `database`; the table is created on first use (or by ``migrate()``).
    public init(database: PostgresClient, retention: Duration) {
        table = RetainedTable(database: database, retention: retention, migrations: Self.migrations)
    }

    /// Creates the table if needed (idempotent, safe from several processes at once).
    public func migrate() async throws { try await table.apply() }

    private func migrateOnce() async throws { try await table.ensure() }

    /// Inserts `entries` in one transaction: all or none.
    public func append(_ entries: [AlertHistoryEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await migrateOnce()
        let rows = try entries.map { entry -> [PostgresValue?] in
            [
                .date(Self.date(entry.timeMs)), .string(entry.kind.rawValue), .string(entry.alert.alert.rawValue),
                .string(entry.subject), .string(entry.alert.severity.rawValue), .double(entry.alert.value),
                .double(entry.alert.threshold), .string(entry.alert.message), .date(Self.date(entry.alert.sinceMs)),
                .string(String(decoding: try JSONEncoder().encode(entry.labels), as: UTF8.self)),
            ]
        }
        try await database.withTransaction { transaction in
            for row in rows {
                try await transaction.execute(
                    "INSERT INTO alert_history (time, kind, rule, subject, severity, value, threshold, message, since,"
                        + " labels) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)", row)
            }
        }
    }

    /// The rows matching `query`, newest first.
    public func entries(matching query: AlertHistoryQuery) async throws -> [AlertHistoryEntry] {
        try await migrateOnce()
        var conditions = ["time >= $1"]
        var parameters: [PostgresValue?] = [.date(Self.date(query.sinceMs))]
        if let subject = query.subject {
            parameters.append(.string(subject))
            conditions.append("subject = $\(parameters.count)")
        }
        if let kinds = query.kinds {
            guard !kinds.isEmpty else { return [] }
            let placeholders = kinds.map { kind in
                parameters.append(.string(kind.rawValue))
                return "$\(parameters.count)"
            }
            conditions.append("kind IN (\(placeholders.joined(separator: ", ")))")
        }
        parameters.append(.int(query.limit))
        let rows = try await database.query(
            "SELECT time, kind, rule, subject, severity, value, threshold, message, since, labels::text AS labels"
                + " FROM alert_history WHERE \(conditions.joined(separator: " AND "))"
                + " ORDER BY time DESC, id DESC LIMIT $\(parameters.count)", parameters)
        return try rows.map { row in
            guard let kind = AlertTransition.Kind(rawValue: try row.decode(String.self, "kind")),
                let rule = AlertRule(rawValue: try row.decode(String.self, "rule")),
                let severity = AlertSeverity(rawValue: try row.decode(String.self, "severity"))
            else {
                throw MonitoringError(
                    .collectionFailed,
                    "alert_history holds a row this version cannot read (unknown kind, rule or "
                        + "severity): is a newer monitoring-api writing to the same database?")
            }
            let labels = try JSONDecoder().decode(
                [String: String].self, from: Data(try row.decode(String.self, "labels").utf8))
            let alert = Alert(
                alert: rule, subject: try row.decode(String.self, "subject"), severity: severity,
                value: try row.decode(Double.self, "value"), threshold: try row.decode(Double.self, "threshold"),
                message: try row.decode(String.self, "message"),
                sinceMs: Self.milliseconds(try row.decode(Date.self, "since")))
            return AlertHistoryEntry(
                kind: kind, alert: alert, timeMs: Self.milliseconds(try row.decode(Date.self, "time")), labels: labels)
        }
    }

    /// Deletes the rows observed before `nowMs` minus the retention.
    @discardableResult
    public func deleteExpired(nowMs: Int64) async throws -> Int {
        try await migrateOnce()
        return try await database.execute(
            "DELETE FROM alert_history WHERE time < $1", [table.cutoff(nowMs: nowMs)])
    }

    private static func date(_ milliseconds: Int64) -> Date { EpochMilliseconds.date(milliseconds) }

    private static func milliseconds(_ date: Date) -> Int64 { EpochMilliseconds.milliseconds(date) }
}
