import Synchronization

/// A connection of its own, from `RedisClient.withDedicatedConnection` or `makeDedicatedConnection()`:
/// for blocking commands (`BZPOPMIN`, `BLMOVE`, `XREAD BLOCK`) and `WATCH`/`MULTI`, which must not share
/// a pooled connection.
///
/// - Timeouts: a blocking command's reply deadline is its server-side timeout plus `commandTimeout`
///   (a server timeout of 0 waits without limit); other commands use `commandTimeout`, or the `timeout`
///   given to `send(_:timeout:)`.
/// - Cancellation: cancelling the waiting task closes the connection (a blocked command cannot be
///   interrupted otherwise) and throws `.cancelled`; the next command reconnects.
/// - Threading: I/O runs on the client's event-loop thread; calls never block the caller.
public final class RedisConnection: Sendable {
    private let client: RedisClient
    private let id: Int
    private let closed = Atomic<Bool>(false)

    init(client: RedisClient, id: Int, name: String?) {
        self.client = client
        self.id = id
        // Submitted before any command of this connection, so the first connect is named already.
        if let name { _ = client.loop.submit(.nameConnection(id, name)) }
    }

    deinit {
        // A connection dropped without `close()` still gives its socket back.
        if !closed.load(ordering: .acquiring) { _ = client.loop.submit(.closeConnection(id, nil, forget: true)) }
    }

    /// Sends one command, e.g. `send("BZPOPMIN", key, "5")`.
    @discardableResult
    public func send(_ command: String, _ arguments: String...) async throws -> RedisValue {
        try await send([command] + arguments)
    }

    /// Sends one command; blocking commands get their server-side timeout added to the deadline.
    @discardableResult
    public func send(_ command: [String]) async throws -> RedisValue {
        guard !command.isEmpty else { throw client.loop.emptyCommandError }
        let blocking = BlockingCommand.classify(command)
        let deadline = blocking.deadline(now: MonotonicTime.now(), commandTimeout: client.configuration.commandTimeout)
        guard blocking != .notBlocking else {
            // A short command ends by itself within the command timeout: no cancellation handler (it costs).
            try checkOpen()
            return try await client.loop.execute(
                RESPEncoder.encode(command), command: command.first ?? "", on: id, deadline: deadline)
        }
        return try await execute(command, deadline: deadline)
    }

    /// Sends one command with an explicit reply timeout (overriding the blocking-command rule).
    @discardableResult
    public func send(_ command: [String], timeout: Duration) async throws -> RedisValue {
        try await execute(command, deadline: MonotonicTime.now().addingDuration(timeout))
    }

    /// Sends `commands` in one write on this connection; replies in order (see `RedisClient.pipeline`).
    public func pipeline(_ commands: [[String]]) async throws -> [Result<RedisValue, RedisError>] {
        try checkOpen()
        return try await client.pipeline(commands, on: id)
    }

    /// Closes the connection; a command waiting on it fails with `.closed`. Safe to call more than once.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await withCheckedContinuation { continuation in
            if !client.loop.submit(.closeConnection(id, continuation, forget: true)) { continuation.resume() }
        }
    }

    private func execute(_ command: [String], deadline: UInt64) async throws -> RedisValue {
        guard !command.isEmpty else { throw client.loop.emptyCommandError }
        try checkOpen()
        let loop = client.loop
        let id = self.id
        do {
            return try await withTaskCancellationHandler {
                try Task.checkCancellation()
                return try await loop.execute(
                    RESPEncoder.encode(command), command: command.first ?? "", on: id, deadline: deadline)
            } onCancel: {
                // A blocked command cannot be interrupted on the wire: closing the socket fails it with
                // `.closed`, reported as `.cancelled` below; the next command reconnects.
                _ = loop.submit(.closeConnection(id, nil, forget: false))
            }
        } catch let error as RedisError
            where error.code == .closed && Task.isCancelled && !closed.load(ordering: .acquiring)
        {
            throw RedisError(
                .cancelled, "the task was cancelled; the connection was reset", address: error.address,
                command: error.command)
        } catch is CancellationError {
            throw RedisError(
                .cancelled, "the task was cancelled before the command was sent", address: client.configuration.address,
                command: command.first)
        }
    }

    private func checkOpen() throws {
        if closed.load(ordering: .acquiring) {
            throw RedisError(
                .closed, "this dedicated connection is closed: open a new one", address: client.configuration.address)
        }
    }
}
