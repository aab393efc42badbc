import Foundation
import PostgresClient

/// The `baselines` table: captured baselines as `jsonb`, newest by `captured_at`.
///
/// Thread-safe (`PostgresClient` pools its connections); every call is one statement, run off the cooperative
/// pool by the client. Run ``migrate()`` once before use (maxctl does before saving; monitoring-api only reads
/// and reports a missing table as "no baseline stored").
public struct BaselineStore: Sendable {
    /// The migration that creates `baselines` (version 710; ScheduledPosts and Autopilot use 701–704).
    public static let migrations = [
        Migration(
            version: 710, name: "create_baselines",
            sql: """
                CREATE TABLE baselines (
                    id bigserial PRIMARY KEY,
                    captured_at timestamptz NOT NULL,
                    document jsonb NOT NULL
                );
                CREATE INDEX baselines_captured_at ON baselines (captured_at DESC);
                """)
    ]

    /// The database.
    public let database: PostgresClient

    /// A store on `database`.
    public init(database: PostgresClient) { self.database = database }

    /// Applies ``migrations`` (idempotent, safe from several processes at once).
    public func migrate() async throws(PostgresError) { try await database.migrate(Self.migrations) }

    /// Inserts `document`; returns its row id.
    @discardableResult
    public func save(_ document: BaselineDocument) async throws -> Int {
        let text = String(decoding: try MonitoringJSON.makeEncoder().encode(document), as: UTF8.self)
        let capturedAt = Date(timeIntervalSince1970: Double(document.capturedAt) / 1000)
        let rows = try await database.query(
            "INSERT INTO baselines (captured_at, document) VALUES ($1, $2::jsonb) RETURNING id",
            [.date(capturedAt), .string(text)])
        return try rows.first?.decode(Int.self, "id") ?? 0
    }

    /// The newest stored baseline, nil when none is stored (or the table does not exist yet).
    ///
    /// - Throws: `PostgresError` when the database cannot be reached; `MonitoringError.invalidBaseline` when
    ///   the newest row is of another schema version.
    public func latest() async throws -> BaselineDocument? {
        let rows: PostgresRows
        do {
            rows = try await database.query(
                "SELECT id, document::text AS document FROM baselines ORDER BY captured_at DESC, id DESC LIMIT 1")
        } catch {
            // undefined_table: nothing was ever captured into this database.
            if error.sqlState == "42P01" { return nil }
            throw error
        }
        guard let row = rows.first else { return nil }
        let id = try row.decode(Int.self, "id")
        let text = try row.decode(String.self, "document")
        return try BaselineDocument.decode(Data(text.utf8), origin: "baseline \(id) in \(database.address)")
    }
}
