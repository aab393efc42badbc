/// The errors a connection reports, in one place: each names the server address (and the command when
/// one is concerned, added by `PendingRequest.fail`) and says what to do; none carries a password or
/// command arguments.
extension RedisConnectionLifecycle {
    /// Name resolution failed (`reason` from getaddrinfo).
    func cannotResolve(_ reason: String) -> RedisError {
        RedisError(.connectFailed, "cannot resolve the host (\(reason)): fix the host in REDIS_URL", address: address)
    }

    /// The Unix socket path does not fit a `sockaddr_un`.
    func unixPathTooLong() -> RedisError {
        RedisError(.connectFailed, "the Unix socket path is too long", address: address)
    }

    /// Every address refused or failed (`reason` is the last `strerror`).
    func cannotConnect(_ reason: String) -> RedisError {
        RedisError(
            .connectFailed, "cannot connect (\(reason)): start redis-server or fix REDIS_URL", address: address)
    }

    /// The server closed the connection (end of stream).
    func closedByServer() -> RedisError {
        RedisError(
            .connectionLost,
            "the server closed the connection (restarted, killed, or timeout/maxclients reached); the command may or may not have run. The client reconnects by itself",
            address: address)
    }

    /// `read` or `send` failed with `reason` (`strerror`); `operation` is "reading" or "writing".
    func ioFailed(_ operation: String, _ reason: String) -> RedisError {
        RedisError(
            .connectionLost,
            "\(operation) failed (\(reason)); the command may or may not have run. The client reconnects by itself",
            address: address)
    }

    /// The server sent bytes that are not RESP (or a reply nobody asked for).
    func protocolError(_ detail: String) -> RedisError {
        RedisError(
            .protocolError, "the server sent invalid RESP (\(detail)); is this a Redis server? The connection is reset",
            address: address)
    }

    /// The oldest request in flight got no reply within its deadline.
    func commandTimedOut() -> RedisError {
        RedisError(
            .commandTimeout,
            "no reply within the command timeout (\(configuration.commandTimeout.readable)): the server may be blocked, overloaded or unreachable; the connection is reset. Use a dedicated connection for blocking commands",
            address: address)
    }

    /// The requests behind a timed-out `command`: replies match requests by order, so the connection is reset.
    func resetAfterTimeout(of command: String) -> RedisError {
        RedisError(
            .connectionLost,
            "the connection was reset because an earlier command (\(command)) timed out; the command may or may not have run",
            address: address)
    }

    /// A request waited for a connection until its deadline (with the last attempt's error, if any).
    func timedOutWaitingForConnection() -> RedisError {
        let reason = lastConnectError.map { " (last connection error: \($0))" } ?? ""
        return RedisError(
            .commandTimeout,
            "timed out after \(configuration.commandTimeout.readable) waiting for a connection\(reason): check that the server runs",
            address: address)
    }

    /// An error reply to a user command; `NOAUTH`/`WRONGPASS` become `.authenticationFailed`.
    func serverError(_ message: String, command: String) -> RedisError {
        let prefix = message.prefix { $0 != " " }
        let code: RedisError.Code = prefix == "NOAUTH" || prefix == "WRONGPASS" ? .authenticationFailed : .server
        let hint = code == .authenticationFailed ? ": set the password in REDIS_URL" : ""
        return RedisError(
            code, "the server answered with an error: \(message)\(hint)", address: address, command: command,
            serverMessage: message)
    }
}
