/// One submission waiting for its replies: a single command, a pipeline, or a connection's own
/// `AUTH`/`SELECT`. Created on the caller's thread, then owned by the event loop thread, which resumes
/// each continuation exactly once (unsafe continuations: the checked ones cost measurably per command).
struct PendingRequest: Sendable {
    /// Who receives the replies.
    enum Sink: Sendable {
        /// One command; an error reply is thrown.
        case single(UnsafeContinuation<RedisValue, any Error>)
        /// A pipeline; error replies become `.failure` entries.
        case batch(UnsafeContinuation<[Result<RedisValue, RedisError>], any Error>)
        /// The connection's own hand-shake step.
        case handshake(HandshakeStep)
    }

    /// The connection's set-up commands, run on every (re)connect before user commands.
    enum HandshakeStep: Sendable {
        /// `AUTH` with the configured credentials; `SELECT` of the configured database; `CLIENT SETNAME`
        /// with the connection's name (dedicated connections opened with one).
        case auth, select, setName
    }

    let sink: Sink
    /// How many replies complete this request.
    let expected: Int
    /// The command name for messages (`SET`, `pipeline of 16 (SET, ...)`), never arguments.
    let command: String
    /// Monotonic nanoseconds; `.max` for none.
    let deadline: UInt64
    /// The encoded commands until they are queued for writing.
    var payload: [UInt8]
    /// Replies collected so far (pipelines only).
    var results: [Result<RedisValue, RedisError>] = []

    /// Fails the request (every reply it still waits for) with `error`.
    func fail(_ error: RedisError) {
        var error = error
        if error.command == nil { error.command = command }
        switch sink {
        case .single(let continuation): continuation.resume(throwing: error)
        case .batch(let continuation): continuation.resume(throwing: error)
        case .handshake: break
        }
    }
}
