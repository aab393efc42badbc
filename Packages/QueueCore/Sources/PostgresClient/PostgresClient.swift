/// A pooled PostgreSQL client over libpq: parameterised queries, transactions and migrations.
///
/// Threading: libpq blocks, so each pooled connection has a thread of its own and every call is bridged to
/// `async` with a continuation; the cooperative pool never blocks. Connections are made on first use, and one
/// that dies (a server restart) is replaced on the next call. Every wait is bounded: connecting by
/// `connectTimeout`, a statement by `statementTimeout` (server-side, plus a short client grace), waiting for a
/// free connection by `acquireTimeout`. Call `close()` when done; it ends the threads.
public final class PostgresClient: Sendable {
    /// The validated configuration plus the parsed address, shared with the pool and its slots.
    struct Settings: Sendable {
        let url: String
        let server: ServerName
        let poolSize: Int
        let connectTimeout: Duration
        let statementTimeout: Duration
        let acquireTimeout: Duration

        /// How long a statement may take before the client stops waiting for the server.
        var statementDeadline: ContinuousClock.Instant {
            ContinuousClock.now + statementTimeout + Configuration.clientGrace
        }
    }

    /// The configuration this client was made with.
    public let configuration: Configuration
    /// The server address from the connection string (`host:port` or `unix:/dir/.s.PGSQL.port`), for logs.
    public let address: String
    let settings: Settings
    let pool: ConnectionPool

    /// Validates `configuration` and creates the pool; no connection is made until the first call.
    public init(configuration: Configuration) throws(PostgresError) {
        let target = try configuration.validate()
        self.configuration = configuration
        self.address = target.address
        self.settings = Settings(
            url: configuration.url, server: ServerName(address: target.address, database: target.database),
            poolSize: configuration.poolSize, connectTimeout: configuration.connectTimeout,
            statementTimeout: configuration.statementTimeout, acquireTimeout: configuration.acquireTimeout)
        self.pool = ConnectionPool(settings: settings)
    }

    deinit { pool.close() }

    /// Runs one statement with `$1, $2, …` parameters (nil is NULL) and returns its rows.
    ///
    /// An idle pooled connection that died is replaced before the statement is sent. If the connection dies
    /// while the statement runs, this throws `.connectionLost` and does not retry: the statement may have run.
    public func query(_ sql: String, _ parameters: [PostgresValue?] = []) async throws(PostgresError) -> PostgresRows {
        let operation = Self.operation("query", sql)
        let slot = try await pool.lease(operation: operation)
        defer { pool.release(slot) }
        return try await slot.run(reconnect: true, operation: operation) {
            [settings] connection throws(PostgresError) in
            try connection.execute(sql, parameters, operation: operation, deadline: settings.statementDeadline)
        }
    }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresValue?] = []) async throws(PostgresError) -> Int {
        try await query(sql, parameters).affectedRows
    }

    /// Runs `body` in a transaction on one connection: commits when it returns, rolls back when it throws.
    ///
    /// Statements inside go through the `PostgresTransaction` handle, which is invalid after `body` returns. If
    /// the connection dies mid-transaction, statements and the commit throw `.connectionLost`; nothing is
    /// retried, retry the whole transaction if that is safe. Other calls on this client use other connections.
    @discardableResult
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresTransaction) async throws -> T
    ) async throws -> T {
        let slot = try await pool.lease(operation: "begin")
        defer { pool.release(slot) }
        let transaction = PostgresTransaction(slot: slot, settings: settings)
        try await transaction.begin()
        let value: T
        do {
            value = try await body(transaction)
        } catch {
            await transaction.rollback()
            throw error
        }
        try await transaction.commit()
        return value
    }

    /// Fails waiting callers, closes every connection after its current statement and ends the threads.
    public func close() { pool.close() }

    /// An operation name for errors: the verb and the SQL's first keyword, never the SQL's values.
    static func operation(_ verb: String, _ sql: String) -> String {
        let keyword = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).first.map(String.init) ?? ""
        return keyword.isEmpty ? verb : "\(verb) \"\(keyword.prefix(20).uppercased())\""
    }
}
