/// The one error type of the PostgreSQL client.
///
/// It names the operation and the server address, and carries the server's SQLSTATE, message, detail and hint
/// when the server sent them. It never contains the password or parameter values. `description` leaves out the
/// server's `detail`, because PostgreSQL puts row values there (`Key (email)=(…) already exists`); read the
/// `detail` property when you need it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; compare with the static members (`error.code == .server`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, such as `connectionLost`.
        public var description: String { name }

        /// The configuration is impossible (bad URL, pool size 0, …); fix it, nothing was sent.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A connection could not be made: server down, wrong port, authentication failed.
        public static let connectionFailed = Code("connectionFailed")
        /// The connection died during the operation; the statement may or may not have run.
        public static let connectionLost = Code("connectionLost")
        /// The server did not answer within the statement timeout (plus a grace period), or connecting took
        /// longer than the connect timeout.
        public static let timeout = Code("timeout")
        /// Every pooled connection stayed busy for longer than the acquire timeout.
        public static let poolExhausted = Code("poolExhausted")
        /// The server rejected the statement; `sqlState` says why (23505 unique violation, 42601 syntax, …).
        public static let server = Code("server")
        /// A parameter cannot be sent (a string containing a NUL byte).
        public static let invalidParameter = Code("invalidParameter")
        /// A column was read as a Swift type that does not fit its PostgreSQL type or its text.
        public static let typeMismatch = Code("typeMismatch")
        /// A NULL column was read as a non-optional type.
        public static let unexpectedNull = Code("unexpectedNull")
        /// No column has that name or index.
        public static let columnNotFound = Code("columnNotFound")
        /// A migration list is inconsistent with itself or with what the database recorded.
        public static let migrationConflict = Code("migrationConflict")
        /// The client was closed, or a transaction handle was used after its transaction ended.
        public static let closed = Code("closed")
        /// The calling task was cancelled while it waited for a pooled connection.
        public static let cancelled = Code("cancelled")
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and what to do, or the server's primary message for `.server` errors.
    public let message: String
    /// The operation that failed, such as `connect`, `query "INSERT"`, `commit` or `migration 3 (create_posts)`.
    public let operation: String
    /// The server address (`host:port` or `unix:/dir/.s.PGSQL.port`), when one is involved.
    public let address: String?
    /// The database name from the connection string, when it names one.
    public let database: String?
    /// The five-character SQLSTATE the server sent (`23505`, `42601`, …), if any.
    public let sqlState: String?
    /// The server's detail line; may contain row values, so it is not part of `description`.
    public let detail: String?
    /// The server's hint, if any.
    public let hint: String?

    /// Creates an error; the client makes these, tests and wrappers may too.
    public init(
        _ code: Code, _ message: String, operation: String, address: String? = nil, database: String? = nil,
        sqlState: String? = nil, detail: String? = nil, hint: String? = nil
    ) {
        self.code = code
        self.message = message
        self.operation = operation
        self.address = address
        self.database = database
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    /// One line naming the operation, address, database, code, message, SQLSTATE and hint; never the detail,
    /// the password or parameter values.
    public var description: String {
        var text = "PostgreSQL \(operation)"
        if let address { text += " on \(address)" }
        if let database { text += " (database \"\(database)\")" }
        text += " failed (\(code)): \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let hint { text += " Hint: \(hint)" }
        return text
    }
}

extension PostgresError {
    /// An error about `server`, naming its address and database.
    init(
        _ code: Code, _ message: String, operation: String, server: ServerName, sqlState: String? = nil,
        detail: String? = nil, hint: String? = nil
    ) {
        self.init(
            code, message, operation: operation, address: server.address, database: server.database,
            sqlState: sqlState, detail: detail, hint: hint)
    }
}

/// The non-secret name of a server for messages: its address and the database the client uses.
struct ServerName: Sendable {
    /// `host:port`, `[v6]:port` or `unix:/dir/.s.PGSQL.port` (comma-separated for several hosts).
    let address: String
    /// The database from the connection string, if it names one.
    let database: String?
}
