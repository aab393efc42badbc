import Glibc
import Synchronization

/// A small HTTP/1.1 server: epoll event loops (one per core by default) doing the I/O, `async`
/// handlers running as tasks off the loops, responses written back in request order.
///
/// ```swift
/// var router = Router()
/// router.get("/hello/:name") { request in .text("hello \(request.parameter("name")!)") }
/// let server = try HTTPServer(configuration: .init(port: 8080), router: router)
/// try server.start()
/// // … on SIGTERM:
/// await server.shutdown(deadline: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    private enum State {
        case created
        case running(loops: [EventLoop], port: Int)
        case stopped
    }

    private let context: ServerContext
    private let state = Mutex<State>(.created)

    /// Creates a server; throws `invalidConfiguration` when `configuration.validate()` fails.
    public init(configuration: Configuration = Configuration(), router: Router) throws {
        try configuration.validate()
        context = ServerContext(configuration: configuration, router: router)
    }

    /// The port the server listens on once started (useful with `port: 0`), else `nil`.
    public var port: Int? {
        state.withLock { if case .running(_, let port) = $0 { port } else { nil } }
    }

    /// Open connections across all loops right now.
    public var openConnections: Int { context.connectionCount.load(ordering: .relaxed) }

    /// How many times the loops have woken from `epoll_wait`, summed (tests tell idle loops from spinning ones).
    var loopWakeUps: Int {
        state.withLock { state in
            guard case .running(let loops, _) = state else { return 0 }
            return loops.reduce(0) { $0 + $1.wakeUps.load(ordering: .relaxed) }
        }
    }

    /// Binds the listeners and starts the loop threads; returns the bound port.
    ///
    /// Blocking only for `bind`/`listen`. Throws `bindFailed` naming the address when the port is taken,
    /// `invalidState` when called twice.
    @discardableResult
    public func start() throws -> Int {
        try state.withLock { state in
            guard case .created = state else {
                throw HTTPServeError(.invalidState, "HTTPServer.start() was already called; create a new server")
            }
            let configuration = context.configuration
            var listeners: [Int32] = []
            do {
                let port = try SocketAddress.reservePort(host: configuration.host, port: configuration.port)
                for _ in 0..<configuration.loopCount {
                    listeners.append(
                        try SocketAddress.listen(host: configuration.host, port: port, backlog: configuration.backlog))
                }
                let loops = try listeners.enumerated().map { index, fd in
                    try EventLoop(index: index, context: context, listenerFD: fd)
                }
                loops.forEach { $0.start() }
                state = .running(loops: loops, port: port)
                return port
            } catch {
                listeners.forEach { close($0) }
                throw error
            }
        }
    }

    /// Stops accepting, lets in-flight requests finish until `deadline` passes, then closes everything.
    ///
    /// Idle keep-alive connections close at once; a connection with a request in flight gets its
    /// response (with `Connection: close`) if it is ready in time. Returns when the loop threads have
    /// exited. Safe to call more than once and before `start()`.
    public func shutdown(deadline: Duration) async {
        let loops: [EventLoop] = state.withLock { state in
            defer { state = .stopped }
            if case .running(let loops, _) = state { return loops }
            return []
        }
        guard !loops.isEmpty else { return }
        context.draining.store(true, ordering: .relaxed)
        loops.forEach { $0.submit(.beginDraining) }
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while context.connectionCount.load(ordering: .relaxed) > 0, clock.now < end {
            try? await Task.sleep(for: .milliseconds(5))
        }
        loops.forEach { $0.submit(.stop) }
        // The threads only close sockets now; this wait is short and bounded by their work.
        while !loops.allSatisfy({ $0.exited.load(ordering: .acquiring) }) {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}
