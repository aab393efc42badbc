/// One schema change: applied at most once per database, in version order, in its own transaction.
public struct Migration: Sendable, Hashable {
    /// The order key and identity of the migration; positive and unique within a list.
    public let version: Int
    /// A short name, recorded with the version; a different name for a recorded version is a conflict.
    public let name: String
    /// Fixed SQL text, one or more statements; runs in the simple query protocol, so it takes no parameters.
    /// It runs inside the migration's transaction: no `BEGIN`/`COMMIT`, and nothing that refuses a transaction
    /// (`CREATE INDEX CONCURRENTLY`, `VACUUM`).
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
