/// Every failure of the Redis client: a code to branch on, and a message that names the server
/// address and the command (never the password or command arguments) and says what to do.
public struct RedisError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// The URL or a setting is invalid.
        case invalidConfiguration
        /// The command is malformed on our side (e.g. empty); nothing was sent.
        case invalidCommand
        /// The TCP/Unix connection could not be made (refused, unreachable, name not found).
        case connectFailed
        /// Connecting (including `AUTH`/`SELECT`) took longer than `connectTimeout`.
        case connectTimeout
        /// The server refused the credentials (`WRONGPASS`, `NOAUTH`, ...).
        case authenticationFailed
        /// `SELECT` of the configured database failed.
        case selectFailed
        /// The connection broke while the command was in flight: it may or may not have run.
        case connectionLost
        /// No reply within the command timeout; the connection is reset.
        case commandTimeout
        /// The server answered with an error reply; `serverMessage` holds it.
        case server
        /// The server sent bytes that are not RESP; the connection is reset.
        case protocolError
        /// The client or connection was closed before the reply arrived.
        case closed
        /// The calling task was cancelled (dedicated connections only).
        case cancelled
    }

    /// What went wrong.
    public var code: Code
    /// The human-readable explanation, including what to do.
    public var message: String
    /// The server address (`host:port` or `unix:/path`), when known.
    public var address: String?
    /// The command name (e.g. `SET`, `EVALSHA`), when the error concerns one; never its arguments.
    public var command: String?
    /// For `.server` errors, the server's error text, e.g. `WRONGTYPE Operation against a key...`.
    public var serverMessage: String?

    /// Creates an error; `message` should say what to do.
    public init(
        _ code: Code, _ message: String, address: String? = nil, command: String? = nil, serverMessage: String? = nil
    ) {
        self.code = code
        self.message = message
        self.address = address
        self.command = command
        self.serverMessage = serverMessage
    }

    /// The first word of a server error (`NOSCRIPT`, `WRONGTYPE`, `ERR`...), or nil.
    public var serverErrorPrefix: String? {
        serverMessage?.split(separator: " ", maxSplits: 1).first.map(String.init)
    }

    /// `Redis <address> [<command>]: <message>`.
    public var description: String {
        var text = "Redis"
        if let address { text += " \(address)" }
        if let command { text += " [\(command)]" }
        return text + ": " + message
    }
}
