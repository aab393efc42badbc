/// The lifecycle of one Redis connection as a value type: which phase it is in, when the current attempt
/// must be done, how long to wait before the next one, and what the event loop must do after each event.
/// `LoopConnection` feeds it events with an explicit `now` and performs the returned action; tests do
/// the same in memory, without sockets.
///
/// Phases: disconnected → connecting (TCP) → handshaking (`AUTH`, `SELECT`, `CLIENT SETNAME`) → ready. A failed attempt
/// (refused, timed out, refused credentials) goes back to disconnected and fails every waiting request;
/// the next attempt starts only when a request arrives, after a capped exponential backoff, so a wrong
/// password is never retried in a loop. A ready connection that breaks reconnects at once.
/// Instants are the loop's monotonic nanoseconds (`MonotonicTime`).
struct RedisConnectionLifecycle: Sendable {
    enum Phase: Sendable, Equatable { case disconnected, connecting, handshaking, ready }

    enum Action: Sendable, Equatable {
        case none
        /// Resolve the address and start connecting; the attempt fails at `deadline` (wake then).
        case connect(deadline: UInt64)
        /// Wake at `instant`, when the backoff allows the next attempt.
        case wake(at: UInt64)
        /// The socket is connected: send these commands, in order, before any request.
        case handshake([PendingRequest.HandshakeStep])
        /// The connection is ready: write the requests waiting for it.
        case ready
        /// Close the socket and fail the requests in flight with `error`; the waiting ones too when
        /// `failWaiting` (a failed attempt), else they wait for the next connection.
        case close(RedisError, failWaiting: Bool)
    }

    let configuration: RedisConfiguration
    let backoff: ReconnectBackoff
    private(set) var phase = Phase.disconnected
    /// Consecutive failed attempts since the connection was last ready.
    private(set) var failures = 0
    /// The earliest instant of the next attempt.
    private(set) var nextAttempt: UInt64 = 0
    /// When the current attempt (connect and handshake) times out; meaningful while connecting or handshaking.
    private(set) var connectDeadline: UInt64 = .max
    /// The message of the last failed attempt, for requests that time out waiting for a connection.
    private(set) var lastConnectError: String?
    private var pendingHandshakes = 0
    /// The connection's client name, set with `CLIENT SETNAME` on every (re)connect; nil sets none.
    var clientName: String?

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
        self.backoff = ReconnectBackoff(initial: configuration.reconnectDelay, maximum: configuration.maxReconnectDelay)
    }

    /// The server address for messages.
    var address: String { configuration.address }

    /// The instant the lifecycle itself needs attention (the attempt's deadline, or the next attempt when
    /// requests wait), or nil.
    func nextDeadline(hasWaiting: Bool) -> UInt64? {
        switch phase {
        case .connecting, .handshaking: connectDeadline
        case .disconnected: hasWaiting ? nextAttempt : nil
        case .ready: nil
        }
    }

    // MARK: Events

    /// A request waits for the connection (the owner queued it because the phase is not `.ready`).
    mutating func requestWaiting(now: UInt64) -> Action {
        guard phase == .disconnected else { return .none }
        guard now >= nextAttempt else { return .wake(at: nextAttempt) }
        phase = .connecting
        connectDeadline = now.addingDuration(configuration.connectTimeout)
        return .connect(deadline: connectDeadline)
    }

    /// The socket is connected: handshake, or ready at once when there is nothing to send.
    mutating func connected(now: UInt64) -> Action {
        var steps: [PendingRequest.HandshakeStep] = []
        if configuration.password != nil { steps.append(.auth) }
        if configuration.database != 0 { steps.append(.select) }
        if clientName != nil { steps.append(.setName) }
        guard !steps.isEmpty else { return becomeReady() }
        phase = .handshaking
        pendingHandshakes = steps.count
        return .handshake(steps)
    }

    /// A handshake command answered; `serverError` is its error reply, if any. A refused `AUTH` or `SELECT`
    /// fails the attempt; a refused name does not (the connection works unnamed; its owner can check the
    /// name with `CLIENT GETNAME`).
    mutating func handshakeReplied(_ step: PendingRequest.HandshakeStep, serverError: String?, now: UInt64) -> Action {
        if let message = serverError, step != .setName {
            let error =
                switch step {
                case .auth:
                    RedisError(
                        .authenticationFailed,
                        "the server refused AUTH (\(message)): check the user and password in REDIS_URL",
                        address: address, command: "AUTH", serverMessage: message)
                case .select:
                    RedisError(
                        .selectFailed,
                        "the server refused SELECT \(configuration.database) (\(message)): check the database number in REDIS_URL",
                        address: address, command: "SELECT", serverMessage: message)
                case .setName: preconditionFailure("a refused name does not fail the attempt")
                }
            return attemptFailed(error, now: now)
        }
        pendingHandshakes -= 1
        return phase == .handshaking && pendingHandshakes == 0 ? becomeReady() : .none
    }

    /// The current attempt failed: every waiting request fails too, and the next attempt waits the backoff.
    mutating func attemptFailed(_ error: RedisError, now: UInt64) -> Action {
        phase = .disconnected
        failures += 1
        lastConnectError = error.message
        nextAttempt = now.addingDuration(backoff.delay(afterFailures: failures))
        return .close(error, failWaiting: true)
    }

    /// The connection broke. While connecting or handshaking that is a failed attempt (`connectFailed`);
    /// once ready, requests in flight fail with `error` (they may or may not have run) and the next
    /// attempt may start at once.
    mutating func connectionLost(_ error: RedisError, now: UInt64) -> Action {
        if phase == .connecting || phase == .handshaking {
            return attemptFailed(RedisError(.connectFailed, error.message, address: address), now: now)
        }
        phase = .disconnected
        nextAttempt = now
        return .close(error, failWaiting: false)
    }

    /// The owner closed the connection for good (client shut-down, `RedisConnection.close`).
    mutating func closed() {
        phase = .disconnected
    }

    /// Checks the lifecycle's own deadlines at `now`: the attempt's timeout, and the backoff when requests wait.
    mutating func deadlinePassed(now: UInt64, hasWaiting: Bool) -> Action {
        switch phase {
        case .connecting, .handshaking:
            guard now >= connectDeadline else { return .none }
            let stage = phase == .connecting ? "connecting" : "authenticating"
            return attemptFailed(
                RedisError(
                    .connectTimeout,
                    "no answer within the connect timeout (\(configuration.connectTimeout.readable)) while \(stage): check that the server runs and is reachable, or raise connectTimeout",
                    address: address), now: now)
        case .disconnected:
            guard hasWaiting, now >= nextAttempt else { return .none }
            return requestWaiting(now: now)
        case .ready:
            return .none
        }
    }

    private mutating func becomeReady() -> Action {
        phase = .ready
        failures = 0
        lastConnectError = nil
        connectDeadline = .max
        return .ready
    }
}
