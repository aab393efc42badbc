/// One pool slot: a dedicated thread and the libpq connection it drives, made lazily and remade after a failure.
///
/// A dead connection is dropped when a call finds it broken; the next call that may reconnect makes a new one.
/// Inside a transaction calls may not reconnect, so a lost connection fails the transaction instead of quietly
/// running the rest of it outside.
final class PooledConnection: @unchecked Sendable {
    // Safety: `connection` is read and written only by jobs on `thread`, which runs them one at a time.
    private var connection: LibPQConnection?
    private let thread: ConnectionThread
    private let settings: PostgresClient.Settings

    init(index: Int, settings: PostgresClient.Settings) {
        self.settings = settings
        self.thread = ConnectionThread(name: "postgres-\(index)")
    }

    /// Runs `body` with a connected `LibPQConnection` on this slot's thread.
    ///
    /// With `reconnect`, an idle connection that is gone (server restarted) is replaced first; without it, a
    /// missing connection throws `.connectionLost`. A connection that `body` leaves broken is dropped.
    func run<T: Sendable>(
        reconnect: Bool, operation: String,
        _ body: @escaping @Sendable (LibPQConnection) throws(PostgresError) -> T
    ) async throws(PostgresError) -> T {
        let closed = PostgresError(
            .closed, "the client was closed", operation: operation,
            server: settings.server)
        return try await thread.run(
            { () throws(PostgresError) -> T in
                let connection = try self.connected(reconnect: reconnect, operation: operation)
                defer { if connection.isBroken { self.connection = nil } }
                return try body(connection)
            }, ifStopped: closed)
    }

    /// Closes the connection (after queued work) and ends the thread.
    func close() {
        _ = thread.submit { self.connection = nil }
        thread.stop()
    }

    private func connected(reconnect: Bool, operation: String) throws(PostgresError) -> LibPQConnection {
        if let connection, connection.isUsableWhileIdle || (!reconnect && !connection.isBroken) {
            return connection
        }
        guard reconnect else {
            throw PostgresError(
                .connectionLost,
                "the connection was lost earlier in this transaction; the transaction is gone, retry it whole",
                operation: operation, server: settings.server)
        }
        connection = nil  // PQfinish the old one before opening the new one.
        let fresh = try LibPQConnection.connect(
            conninfo: settings.url, server: settings.server,
            timeout: settings.connectTimeout, statementTimeout: settings.statementTimeout)
        connection = fresh
        return fresh
    }
}
