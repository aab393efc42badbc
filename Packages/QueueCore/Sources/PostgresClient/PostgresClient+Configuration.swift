extension PostgresClient {
    /// How a `PostgresClient` connects and how long it waits; every wait it makes is bounded by one of these.
    public struct Configuration: Sendable {
        /// The connection string, handed to libpq as given: a URL (`postgres://user:pass@host:port/db?...`,
        /// `postgresql://`, a socket directory as `?host=/dir` or percent-encoded host) or a libpq
        /// `key=value` string. Default `postgres://127.0.0.1:5432/maxbooster` (the `DATABASE_URL` default).
        public var url: String
        /// How many connections the pool opens at most, each with its own thread. Default 4.
        public var poolSize: Int
        /// How long one connection attempt may take, DNS lookup excepted. Default 5 seconds.
        public var connectTimeout: Duration
        /// The server-side `statement_timeout` set on every connection; the client gives up waiting
        /// `clientGrace` later and drops the connection. Default 30 seconds; migrations are bound by it too.
        public var statementTimeout: Duration
        /// How long a caller waits for a free pooled connection before `.poolExhausted`. Default 10 seconds.
        public var acquireTimeout: Duration

        /// How much longer than `statementTimeout` the client waits for an answer before it declares the
        /// connection dead (the server should have cancelled the statement by then).
        static let clientGrace: Duration = .seconds(2)

        /// Creates a configuration; see each property for its default and unit.
        public init(
            url: String = "postgres://127.0.0.1:5432/maxbooster", poolSize: Int = 4,
            connectTimeout: Duration = .seconds(5), statementTimeout: Duration = .seconds(30),
            acquireTimeout: Duration = .seconds(10)
        ) {
            self.url = url
            self.poolSize = poolSize
            self.connectTimeout = connectTimeout
            self.statementTimeout = statementTimeout
            self.acquireTimeout = acquireTimeout
        }

        /// Rejects impossible values with a message that says which and why; returns the parsed target.
        @discardableResult
        func validate() throws(PostgresError) -> ConnectionTarget {
            func invalid(_ message: String) -> PostgresError {
                PostgresError(.invalidConfiguration, message, operation: "configure")
            }
            guard let target = ConnectionTarget.parse(url) else {
                throw invalid(
                    "the connection string is neither a postgres:// or postgresql:// URL nor a key=value string")
            }
            guard poolSize >= 1, poolSize <= 1000 else { throw invalid("poolSize must be 1...1000, got \(poolSize)") }
            guard connectTimeout > .zero else { throw invalid("connectTimeout must be positive") }
            // statement_timeout is in whole milliseconds, and 0 would mean "no timeout" to the server.
            guard statementTimeout >= .milliseconds(1) else { throw invalid("statementTimeout must be at least 1 ms") }
            guard acquireTimeout > .zero else { throw invalid("acquireTimeout must be positive") }
            return target
        }
    }
}

/// The configuration of a `PostgresClient` (the same type as `PostgresClient.Configuration`).
public typealias PostgresConfiguration = PostgresClient.Configuration
