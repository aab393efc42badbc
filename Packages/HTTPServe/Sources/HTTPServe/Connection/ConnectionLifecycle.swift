/// The lifecycle of one server connection as a value type: which deadline applies now and what to do
/// when it passes. The event loop feeds it events with an explicit `now`; tests do the same in memory.
///
/// Deadlines: a new connection must deliver a request head within `headerTimeout`, and so must every
/// request once its first byte arrives (trickling bytes do not extend it: slowloris gets 408). A body
/// must make progress every `bodyTimeout`; a response write every `writeTimeout`; between requests a
/// keep-alive connection may idle for `idleTimeout`. Handlers have no deadline here.
struct ConnectionLifecycle: Sendable {
    /// Deadline durations.
    struct Timeouts: Sendable, Equatable {
        var header: Duration
        var idle: Duration
        var body: Duration
        var write: Duration
    }

    enum Phase: Sendable, Equatable {
        case awaitingRequest
        case readingHead
        case readingBody
        case handling
        case writing
        /// The response that ended the connection is written and our side is shut down; input is read
        /// and dropped briefly so closing does not reset the connection before the client reads it.
        case lingering
        case closed
    }

    enum Action: Sendable, Equatable {
        case none
        /// Close without a response (idle keep-alive expiry, stalled write, drained).
        case close
        /// Answer `status` with `Connection: close`, then close (408 on a slow head or body).
        case respondAndClose(status: Int)
    }

    let timeouts: Timeouts
    private(set) var phase: Phase = .awaitingRequest
    private(set) var deadline: ContinuousClock.Instant?
    private(set) var draining = false
    private var servedRequests = 0
    private var closeAfterWrite = false

    init(timeouts: Timeouts, now: ContinuousClock.Instant) {
        self.timeouts = timeouts
        self.deadline = now + timeouts.header
    }

    /// Whether the loop should read from the socket and parse: not while a handler runs or a response is
    /// being written (pipelined requests wait in the parser's buffer, so responses stay in order).
    var acceptsRequests: Bool {
        phase == .awaitingRequest || phase == .readingHead || phase == .readingBody
    }

    /// Bytes were parsed and no complete request came out; `parserPhase` says where the parser stands.
    mutating func parsed(_ parserPhase: HTTPRequestParser.Phase, now: ContinuousClock.Instant) {
        guard acceptsRequests else { return }
        switch parserPhase {
        case .idle, .failed:
            break
        case .head:
            if phase != .readingHead {
                phase = .readingHead
                // A fresh connection's head deadline runs from accept; later ones from their first byte.
                if servedRequests > 0 { deadline = now + timeouts.header }
            }
        case .body:
            phase = .readingBody
            deadline = now + timeouts.body
        }
    }

    /// A complete request was handed to a handler.
    mutating func requestDispatched() {
        phase = .handling
        deadline = nil
    }

    /// A response is queued for writing; `close` when it ends the connection.
    mutating func responseQueued(close: Bool, now: ContinuousClock.Instant) {
        phase = .writing
        closeAfterWrite = closeAfterWrite || close || draining
        deadline = now + timeouts.write
    }

    /// Part of the response was written: the write deadline restarts.
    mutating func wroteSome(now: ContinuousClock.Instant) {
        if phase == .writing { deadline = now + timeouts.write }
    }

    /// The whole response is written. Returns `.close` when the connection ends here; otherwise the
    /// connection waits for the next request (the owner then parses what is already buffered).
    mutating func responseWritten(now: ContinuousClock.Instant) -> Action {
        servedRequests += 1
        if closeAfterWrite || draining {
            phase = .closed
            deadline = nil
            return .close
        }
        phase = .awaitingRequest
        deadline = now + timeouts.idle
        return .none
    }

    /// Our side is shut down after a final response; wait up to `linger` for the peer to close.
    mutating func startLingering(now: ContinuousClock.Instant, linger: Duration) {
        phase = .lingering
        deadline = now + linger
    }

    /// The server is shutting down: idle connections close now, busy ones after their response.
    mutating func beginDraining() -> Action {
        draining = true
        guard phase == .awaitingRequest else { return .none }
        phase = .closed
        deadline = nil
        return .close
    }

    /// Checks the deadline at `now`.
    mutating func deadlinePassed(now: ContinuousClock.Instant) -> Action {
        guard let deadline, now >= deadline else { return .none }
        let action: Action
        switch phase {
        case .awaitingRequest: action = servedRequests == 0 ? .respondAndClose(status: 408) : .close
        case .readingHead, .readingBody: action = .respondAndClose(status: 408)
        case .writing, .lingering: action = .close
        case .handling, .closed: return .none
        }
        phase = .closed
        self.deadline = nil
        return action
    }
}
