import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 between our processes and Redis or Postgres that injects faults (in the spirit
/// of Toxiproxy): latency with jitter, a bandwidth limit, resets, a blackhole, or a refused port.
///
/// Threading: one thread of its own runs a `poll(2)` loop over every connection; `set(_:)` is safe from any
/// thread and takes effect on open connections within one loop turn (a pipe wakes the loop).
/// Clients connect to `port`; the proxy connects to `upstreamPort` for each of them. Public for other packages'
/// tests (Monitoring's slow and down alert sinks).
public final class FaultProxy: Sendable {
    /// The port clients connect to (fixed for the proxy's life, also across `.down`).
    public let port: Int
    /// The port the proxy forwards to.
    public let upstreamPort: Int
    private let control: ProxyControl
    private let wakeWrite: Int32

    /// Binds 127.0.0.1 on a free port and starts the loop thread.
    public init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let listener = try ProxySocket.listen(port: 0)
        port = ProxySocket.localPort(listener)
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            close(listener)
            throw ChaosError(.socket, "cannot create the proxy's wake pipe: \(String(cString: strerror(errno)))")
        }
        for fd in pipeFDs {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            ProxySocket.setNonBlocking(fd)
        }
        wakeWrite = pipeFDs[1]
        let control = ProxyControl()
        self.control = control
        let loop = ProxyLoop(
            listener: listener, port: port, upstreamPort: upstreamPort, wakeRead: pipeFDs[0])
        let thread = Thread {
            loop.run(control: control)
            control.finished.withLock { $0 = true }
        }
        thread.name = "chaos-proxy-\(port)"
        thread.start()
    }

    deinit { stop() }

    /// The fault in force.
    public var fault: Fault { control.state.withLock { $0.fault } }

    /// Connections currently open through the proxy.
    public var openConnections: Int { control.state.withLock { $0.openConnections } }

    /// Connections accepted so far.
    public var acceptedConnections: Int { control.state.withLock { $0.accepted } }

    /// Switches the fault; applies to open connections too.
    public func set(_ fault: Fault) {
        control.state.withLock { $0.fault = fault }
        wake()
    }

    /// Stops the loop, closing every connection and the listener; blocks (bounded, 5 s) until it has ended.
    public func stop() {
        let already = control.state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !already else { return }
        wake()
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while !control.finished.withLock({ $0 }) && ContinuousClock.now < deadline { usleep(2_000) }
        close(wakeWrite)
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }
}

/// The state callers and the loop thread share, each part behind its own Mutex.
final class ProxyControl: Sendable {
    let state = Mutex(ProxyShared())
    let finished = Mutex(false)
}

/// What callers set and the loop reports.
struct ProxyShared: Sendable {
    var fault: Fault = .none
    var stopping = false
    var openConnections = 0
    var accepted = 0
}
