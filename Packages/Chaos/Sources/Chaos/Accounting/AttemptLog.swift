import Foundation
import PostgresClient

/// The `chaos_attempts` table in Postgres: workers append to it (`maxctl worker --record-to`), the checker
/// reads it. Postgres rather than Redis so a Redis crash cannot erase the evidence.
///
/// Threading: `Sendable`; every call is async over PostgresClient's own threads.
public final class AttemptLog: Sendable {
    private let client: PostgresClient

    /// Connects (lazily, through the pool) to the database at `url`.
    public init(url: String) throws {
        client = try PostgresClient(configuration: PostgresClient.Configuration(url: url, poolSize: 2))
    }

    /// Creates the table and its index if missing.
    public func prepare() async throws {
        _ = try await client.execute(
            """
            CREATE TABLE IF NOT EXISTS chaos_attempts (
                queue text NOT NULL, job_id text NOT NULL, attempt int NOT NULL, pid int NOT NULL,
                kind text NOT NULL, at timestamptz NOT NULL)
            """)
        _ = try await client.execute(
            "CREATE INDEX IF NOT EXISTS chaos_attempts_queue ON chaos_attempts (queue, job_id)")
    }

    /// Appends one record.
    public func record(_ record: AttemptRecord) async throws {
        _ = try await client.execute(
            "INSERT INTO chaos_attempts (queue, job_id, attempt, pid, kind, at) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                .string(record.queue), .string(record.jobId), .int(record.attempt), .int(Int(record.pid)),
                .string(record.kind.rawValue), .date(record.at),
            ])
    }

    /// Every record of `queue`, oldest first.
    public func records(queue: String) async throws -> [AttemptRecord] {
        let rows = try await client.query(
            "SELECT job_id, attempt, pid, kind, at FROM chaos_attempts WHERE queue = $1 ORDER BY at, attempt",
            [.string(queue)])
        return try rows.map { row in
            AttemptRecord(
                queue: queue, jobId: try row.decode(String.self, "job_id"),
                attempt: try row.decode(Int.self, "attempt"),
                pid: Int32(try row.decode(Int.self, "pid")),
                kind: AttemptRecord.Kind(rawValue: try row.decode(String.self, "kind")) ?? .started,
                at: try row.decode(Date.self, "at"))
        }
    }

    /// Closes the connections.
    public func close() { client.close() }
}
