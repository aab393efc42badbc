import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The proxy's poll loop and its connections; lives on the proxy's thread.
// Safety: no lock needed — after `init` every field is read and written only by the one thread that runs
// `run(control:)`; the state shared with callers lives in `ProxyControl`'s Mutexes.
final class ProxyLoop: @unchecked Sendable {
    /// One client connection and its upstream connection.
    private final class Pair {
        let client: Int32
        let upstream: Int32
        /// Chunks read from the client, waiting to be written upstream (index 0), and the other way (1).
        var pending: [[(due: Int64, bytes: [UInt8])]] = [[], []]
        var schedules = [DeliverySchedule(), DeliverySchedule()]
        var eof = [false, false]
        var shutDown = [false, false]
        var closed = false

        init(client: Int32, upstream: Int32) {
            self.client = client
            self.upstream = upstream
        }

        func source(_ direction: Int) -> Int32 { direction == 0 ? client : upstream }
        func target(_ direction: Int) -> Int32 { direction == 0 ? upstream : client }
        var pendingBytes: Int { pending.reduce(0) { $0 + $1.reduce(0) { $0 + $1.bytes.count } } }
    }

    private var listener: Int32?
    private let port: Int
    private let upstreamPort: Int
    private let wakeRead: Int32
    private var pairs: [Pair] = []
    private var fault: Fault = .none
    private let start = ContinuousClock.now
    /// Reading stops while this many bytes wait in one connection (slow or blackholed consumers).
    private let maxPending = 4 << 20

    init(listener: Int32, port: Int, upstreamPort: Int, wakeRead: Int32) {
        self.listener = listener
        self.port = port
        self.upstreamPort = upstreamPort
        self.wakeRead = wakeRead
    }

    private var now: Int64 { (ContinuousClock.now - start).nanoseconds }

    /// Runs until `shared.stopping`; then closes every socket.
    func run(control: ProxyControl) {
        defer {
            for pair in pairs { closePair(pair, reset: true) }
            if let listener { close(listener) }
            close(wakeRead)
        }
        while true {
            let (newFault, stopping) = control.state.withLock { ($0.fault, $0.stopping) }
            if stopping { return }
            if newFault != fault { apply(newFault) }
            pairs.removeAll { $0.closed }
            control.state.withLock { $0.openConnections = pairs.count }

            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let polledListener = listener != nil
            if let listener { fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            let base = fds.count
            var nextDue = Int64.max
            let current = now
            for pair in pairs {
                let readable = pair.pendingBytes < maxPending
                for direction in 0...1 {
                    var events: Int16 = 0
                    if readable && !pair.eof[direction] { events |= Int16(POLLIN) }
                    // This fd is the target of the other direction: a chunk already due there is waiting for room
                    // (the last write hit EAGAIN), so wait for POLLOUT rather than spin.
                    if let due = pair.pending[1 - direction].first?.due {
                        if due <= current { events |= Int16(POLLOUT) } else { nextDue = min(nextDue, due) }
                    }
                    fds.append(pollfd(fd: pair.source(direction), events: events, revents: 0))
                }
            }
            let waitMs: Int32 = nextDue == .max ? 200 : Int32(clamping: max(0, (nextDue - current) / 1_000_000 + 1))
            let ready = poll(&fds, nfds_t(fds.count), min(waitMs, 200))
            if ready < 0 && errno != EINTR { return }

            if fds[0].revents != 0 { drainWakePipe() }
            // A switch made while we polled applies to the bytes that arrived with it.
            let switched = control.state.withLock { $0.fault }
            if switched != fault { apply(switched) }
            // The listener may have been closed or re-opened by the switch above: accept only on the polled one.
            if polledListener, listener != nil, fds[1].revents & Int16(POLLIN) != 0 { acceptAll(control: control) }
            for (index, pair) in pairs.enumerated() where index * 2 + base + 1 < fds.count {
                for direction in 0...1 where fds[base + index * 2 + direction].revents & ~Int16(POLLOUT) != 0 {
                    readFrom(pair, direction: direction)
                }
            }
            for pair in pairs where !pair.closed { deliver(pair) }
        }
    }

    /// Switches the fault: resets and refusals act on open connections at once.
    private func apply(_ newFault: Fault) {
        let old = fault
        fault = newFault
        if newFault == .reset || newFault == .down {
            for pair in pairs { closePair(pair, reset: true) }
        }
        if newFault == .down, let listener {
            close(listener)
            self.listener = nil
        }
        if old == .down && newFault != .down && listener == nil {
            listener = try? ProxySocket.listen(port: port)
        }
    }

    private func acceptAll(control: ProxyControl) {
        guard let listener else { return }
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            ProxySocket.setNonBlocking(fd)
            // Read the fault per connection: a switch made while this loop drains the backlog applies at once.
            let switched = control.state.withLock { state in
                state.accepted += 1
                return state.fault
            }
            if switched != fault { apply(switched) }
            if fault == .reset || fault == .down {
                ProxySocket.reset(fd)
                // `.down` closed the listener just now: stop before accepting on a closed descriptor.
                if self.listener == nil { return }
                continue
            }
            guard let upstream = ProxySocket.connect(port: upstreamPort) else {
                ProxySocket.reset(fd)
                continue
            }
            pairs.append(Pair(client: fd, upstream: upstream))
        }
    }

    private func readFrom(_ pair: Pair, direction: Int) {
        guard !pair.closed else { return }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(pair.source(direction), $0.baseAddress, $0.count) }
        if count > 0 {
            // A blackhole swallows everything: the peer waits forever (or until its own timeout).
            guard fault != .blackhole else { return }
            let chunk = Array(buffer[0..<count])
            let due = pair.schedules[direction].due(
                size: count, now: now, fault: fault, random: Double.random(in: 0..<1))
            pair.pending[direction].append((due, chunk))
        } else if count == 0 {
            pair.eof[direction] = true
        } else if errno != EAGAIN && errno != EINTR {
            closePair(pair, reset: true)
        }
    }

    /// Writes every chunk that is due; half-closes a side once its peer's EOF has been forwarded.
    private func deliver(_ pair: Pair) {
        let current = now
        for direction in 0...1 {
            while let first = pair.pending[direction].first, first.due <= current {
                let written = first.bytes.withUnsafeBytes { write(pair.target(direction), $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EAGAIN || errno == EINTR { break }
                    closePair(pair, reset: true)
                    return
                }
                if written < first.bytes.count {
                    pair.pending[direction][0].bytes.removeFirst(written)
                    break
                }
                pair.pending[direction].removeFirst()
            }
            if pair.eof[direction] && pair.pending[direction].isEmpty && !pair.shutDown[direction] {
                shutdown(pair.target(direction), Int32(SHUT_WR))
                pair.shutDown[direction] = true
            }
        }
        if pair.shutDown[0] && pair.shutDown[1] { closePair(pair, reset: false) }
    }

    private func closePair(_ pair: Pair, reset: Bool) {
        guard !pair.closed else { return }
        pair.closed = true
        if reset {
            ProxySocket.reset(pair.client)
            ProxySocket.reset(pair.upstream)
        } else {
            close(pair.client)
            close(pair.upstream)
        }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
    }
}
