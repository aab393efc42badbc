import Synchronization

/// The handle `PostgresClient.withTransaction` passes to its body; statements run on the transaction's
/// connection, one at a time. Using it after the body returned throws `.closed`.
public final class PostgresTransaction: Sendable {
    private let slot: PooledConnection
    private let settings: PostgresClient.Settings
    private let isFinished = Mutex(false)

    init(slot: PooledConnection, settings: PostgresClient.Settings) {
        self.slot = slot
        self.settings = settings
    }

    /// Runs one statement with `$1, $2, …` parameters inside the transaction and returns its rows.
    public func query(_ sql: String, _ parameters: [PostgresValue?] = []) async throws(PostgresError)
        -> PostgresRows
    {
        let operation = PostgresClient.operation("query", sql)
        guard !isFinished.withLock({ $0 }) else {
            throw PostgresError(
                .closed, "the transaction already ended; use the handle only inside its body",
                operation: operation, server: settings.server)
        }
        return try await run(sql, parameters, operation: operation, reconnect: false)
    }

    /// Runs one statement inside the transaction and returns how many rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue?] = []) async throws(PostgresError) -> Int {
        try await query(sql, parameters).affectedRows
    }

    func begin() async throws(PostgresError) {
        // The lease may reconnect here, before the transaction starts; never after.
        _ = try await run("BEGIN", [], operation: "begin", reconnect: true)
    }

    func commit() async throws(PostgresError) {
        isFinished.withLock { $0 = true }
        try await slot.run(reconnect: false, operation: "commit") { [settings] connection throws(PostgresError) in
            // COMMIT of a failed transaction "succeeds" as a rollback; the caller must hear that nothing was saved.
            let failed = connection.hasFailedTransaction
            _ = try connection.execute(
                failed ? "ROLLBACK" : "COMMIT", [], operation: "commit",
                deadline: settings.statementDeadline)
            if failed {
                throw PostgresError(
                    .server,
                    "a statement in the transaction failed and its error was caught, so the transaction was rolled "
                        + "back instead of committed", operation: "commit", server: settings.server,
                    sqlState: "25P02")
            }
        }
    }

    /// Rolls back, ignoring failures: a dead connection has rolled back on the server already.
    func rollback() async {
        isFinished.withLock { $0 = true }
        _ = try? await run("ROLLBACK", [], operation: "rollback", reconnect: false)
    }

    /// Runs a fixed multi-statement script (migrations) inside the transaction.
    func executeScript(_ sql: String, operation: String) async throws(PostgresError) {
        try await slot.run(reconnect: false, operation: operation) { [settings] connection throws(PostgresError) in
            try connection.executeScript(sql, operation: operation, deadline: settings.statementDeadline)
        }
    }

    private func run(
        _ sql: String, _ parameters: [PostgresValue?], operation: String, reconnect: Bool
    ) async throws(PostgresError) -> PostgresRows {
        try await slot.run(reconnect: reconnect, operation: operation) { [settings] connection throws(PostgresError) in
            try connection.execute(sql, parameters, operation: operation, deadline: settings.statementDeadline)
        }
    }
}
