/// Where and how a `RedisClient` connects, parsed from a URL, with documented defaults.
///
/// URL forms: `redis://[[user]:password@]host[:port][/db]` (port 6379, database 0 by default; user and
/// password percent-decoded; IPv6 hosts in brackets) and `unix:///path/to/redis.sock[?db=N]`.
/// `rediss://` is refused: the hiredis 0.14 build this client uses has no TLS.
public struct RedisConfiguration: Sendable, Hashable {
    /// The server's network location.
    public enum Endpoint: Sendable, Hashable {
        /// A TCP host name or IP address and port.
        case tcp(host: String, port: Int)
        /// A Unix domain socket path.
        case unix(path: String)
    }

    /// Where the server listens.
    public var endpoint: Endpoint
    /// The ACL user for `AUTH` (Redis 6+); nil authenticates as `default` when a password is set.
    public var username: String?
    /// The password for `AUTH`, sent on every (re)connect; nil sends no `AUTH`. Never printed.
    public var password: String?
    /// The logical database selected with `SELECT` on every (re)connect (0 sends nothing).
    public var database: Int
    /// How long one connection attempt (TCP connect plus `AUTH`/`SELECT`) may take. Default 5 s.
    public var connectTimeout: Duration
    /// How long a command may wait for its reply, counted from the call (including any wait for the
    /// connection). Default 5 s. Blocking commands on dedicated connections add their own timeout.
    public var commandTimeout: Duration
    /// The number of shared connections commands are spread over (round-robin). Default 4.
    public var poolSize: Int
    /// The first wait before reconnecting after a failed attempt; doubles per failure. Default 50 ms.
    public var reconnectDelay: Duration
    /// The cap on the wait between reconnect attempts. Default 2 s.
    public var maxReconnectDelay: Duration

    /// Parses `url` and validates the result.
    /// - Throws: `RedisError` with code `.invalidConfiguration` naming what is wrong (never the password).
    public init(
        url: String, connectTimeout: Duration = .seconds(5), commandTimeout: Duration = .seconds(5),
        poolSize: Int = 4
    ) throws {
        let parsed = try RedisURL.parse(url)
        self.endpoint = parsed.endpoint
        self.username = parsed.username
        self.password = parsed.password
        self.database = parsed.database
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.poolSize = poolSize
        self.reconnectDelay = .milliseconds(50)
        self.maxReconnectDelay = .seconds(2)
        try validate()
    }

    /// The server address for messages: `host:port` or `unix:/path` (never credentials).
    public var address: String {
        switch endpoint {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }

    /// Rejects impossible values with a message that says which setting to fix.
    public func validate() throws {
        func invalid(_ message: String) -> RedisError {
            RedisError(.invalidConfiguration, message, address: address)
        }
        if case .tcp(let host, let port) = endpoint {
            guard !host.isEmpty else { throw invalid("the Redis host is empty: use redis://host:port") }
            guard (1...65535).contains(port) else { throw invalid("Redis port \(port) is out of range 1-65535") }
        }
        guard database >= 0 else { throw invalid("the Redis database must be 0 or more, not \(database)") }
        guard poolSize >= 1 else { throw invalid("poolSize must be at least 1, not \(poolSize)") }
        guard connectTimeout > .zero else { throw invalid("connectTimeout must be positive") }
        guard commandTimeout > .zero else { throw invalid("commandTimeout must be positive") }
        guard reconnectDelay > .zero, maxReconnectDelay >= reconnectDelay else {
            throw invalid("reconnectDelay must be positive and no more than maxReconnectDelay")
        }
    }
}
