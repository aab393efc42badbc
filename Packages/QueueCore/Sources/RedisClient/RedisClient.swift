import Synchronization

/// An asynchronous Redis client over a small pool of connections, for BullMQ-style queue work.
///
/// ```swift
/// let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379/0"))
/// try await redis.send("SET", "greeting", "hello")
/// let value = try await redis.send("GET", "greeting").string   // "hello"
/// await redis.close()
/// ```
///
/// - Threading: all socket I/O runs on one event-loop thread the client owns (non-blocking sockets under
///   epoll, replies parsed by hiredis's RESP reader). Calls never block the caller's thread: they encode
///   the command, hand it to the loop and suspend. Commands from concurrent tasks that reach the loop
///   together are written in one `send` per connection, so they pipeline naturally.
/// - Pool: `poolSize` shared connections (round-robin), connected lazily on first use, each with `AUTH`
///   and `SELECT` on every (re)connect. After a failure, reconnects with capped exponential backoff.
/// - Timeouts: a command fails with `.commandTimeout` when no reply arrives within `commandTimeout` of the
///   call (its connection is then reset); connecting fails within `connectTimeout`.
/// - Failures: commands in flight when a connection breaks fail with `.connectionLost` (they may or may
///   not have run); later commands reconnect by themselves.
/// - Blocking commands (`BZPOPMIN`, `BLMOVE`...) belong on a dedicated connection
///   (`withDedicatedConnection`), where they do not hold up other callers.
public final class RedisClient: Sendable {
    /// The configuration this client was created with.
    public let configuration: RedisConfiguration
    let loop: EventLoop
    private let nextPooled = Atomic<Int>(0)
    private let nextDedicated: Atomic<Int>
    /// Script hashes this client has loaded with `SCRIPT LOAD` (a hint; `NOSCRIPT` is still handled).
    let loadedScripts = Locked<Set<String>>([])

    /// Creates a client; no connection is made until the first command.
    /// Starts the client's event-loop thread; never blocks on the network.
    public init(configuration: RedisConfiguration) {
        self.configuration = configuration
        self.loop = EventLoop(configuration: configuration)
        self.nextDedicated = Atomic(configuration.poolSize)
    }

    deinit { _ = loop.beginShutdown(nil) }

    /// Sends one command, e.g. `send("HSET", key, "field", "value")`.
    /// - Throws: `RedisError`; an error reply throws with code `.server` and the server's message.
    @discardableResult
    public func send(_ command: String, _ arguments: String...) async throws -> RedisValue {
        try await send([command] + arguments)
    }

    /// Sends one command given as its name followed by its arguments.
    @discardableResult
    public func send(_ command: [String]) async throws -> RedisValue {
        guard !command.isEmpty else { throw loop.emptyCommandError }
        return try await loop.execute(
            RESPEncoder.encode(command), command: command.first ?? "", on: pooledConnection(),
            deadline: BlockingCommand.classify(command).deadline(
                now: MonotonicTime.now(), commandTimeout: configuration.commandTimeout))
    }

    /// Sends one command of binary-safe arguments (the first is the command name, as UTF-8).
    @discardableResult
    public func send(bytes command: [[UInt8]]) async throws -> RedisValue {
        guard !command.isEmpty else { throw loop.emptyCommandError }
        var payload: [UInt8] = []
        RESPEncoder.append(bytes: command, to: &payload)
        return try await loop.execute(
            payload, command: command.first.map { String(decoding: $0, as: UTF8.self) } ?? "", on: pooledConnection(),
            deadline: MonotonicTime.now().addingDuration(configuration.commandTimeout))
    }

    /// Sends all `commands` on one connection in one write and returns their replies in order (one round
    /// trip). Error replies are `.failure` entries; a broken connection or timeout throws for the whole
    /// pipeline. Not a transaction: other clients' commands may interleave (wrap in MULTI/EXEC for that).
    public func pipeline(_ commands: [[String]]) async throws -> [Result<RedisValue, RedisError>] {
        try await pipeline(commands, on: pooledConnection())
    }

    func pipeline(_ commands: [[String]], on connection: Int) async throws -> [Result<RedisValue, RedisError>] {
        guard !commands.isEmpty else { return [] }
        guard !commands.contains(where: \.isEmpty) else { throw loop.emptyCommandError }
        var payload: [UInt8] = []
        payload.reserveCapacity(commands.count * 32)
        for command in commands { RESPEncoder.append(command, to: &payload) }
        return try await loop.executeBatch(
            payload, count: commands.count, command: Self.pipelineLabel(commands), on: connection,
            deadline: MonotonicTime.now().addingDuration(configuration.commandTimeout))
    }

    static func pipelineLabel(_ commands: [[String]]) -> String {
        commands.count == 1 ? commands[0].first ?? "" : "pipeline of \(commands.count) (\(commands[0].first ?? "")...)"
    }

    /// The client's event-loop thread as a task executor: tasks that do little besides Redis calls can
    /// run there (`withTaskExecutorPreference(redis.taskExecutor) { ... }`), so replies resume them
    /// without a hop to the cooperative pool. Never block or compute for long on it: that stalls every
    /// connection of this client.
    public var taskExecutor: any TaskExecutor { loop }

    /// Opens a connection of its own for `body` (for blocking commands such as `BZPOPMIN`, or `WATCH`),
    /// and closes it when `body` returns or throws. See `RedisConnection` for its timeout rules; `name` as in
    /// ``makeDedicatedConnection(name:)``.
    public func withDedicatedConnection<T: Sendable>(
        name: String? = nil, _ body: (RedisConnection) async throws -> T
    ) async throws -> T {
        let connection = makeDedicatedConnection(name: name)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// A connection of its own that the caller must `close()` (for a long-lived worker loop). With a `name`,
    /// every (re)connect sets it with `CLIENT SETNAME` before the first command, so the name survives
    /// reconnects; a server that refuses it (an ACL without `client`) leaves the connection working unnamed.
    public func makeDedicatedConnection(name: String? = nil) -> RedisConnection {
        RedisConnection(client: self, id: nextDedicated.wrappingAdd(1, ordering: .relaxed).oldValue, name: name)
    }

    /// Closes every connection; commands pending or sent later fail with `.closed`. Waits until the
    /// event-loop thread has finished. Safe to call more than once.
    public func close() async {
        await withCheckedContinuation { continuation in
            if !loop.beginShutdown(continuation) { continuation.resume() }
        }
    }

    private func pooledConnection() -> Int {
        nextPooled.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max % configuration.poolSize
    }
}
