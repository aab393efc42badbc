internal import CHTTPServeLinux
import Foundation
import Glibc
import Synchronization

/// One event loop: a thread it owns running level-triggered epoll over its listener and connections.
///
/// Only the loop thread touches connections. Other threads talk to it through `submit(_:)`, a mailbox
/// plus an `eventfd` wake-up. When nothing is happening it sleeps in `epoll_wait` with no timeout, or
/// until the nearest connection deadline: it never spins.
final class EventLoop: @unchecked Sendable {
    // Safety: `mailbox` is a Mutex, `wakePending`/`stopped`/`exited` are atomics and `epollFD`/`wakeFD`
    // are immutable; every other stored property is read and written only on the loop thread.

    /// Work for the loop from other threads.
    enum Message: Sendable {
        /// An `async` handler finished: write `bytes` on connection `fd` if it is still `connectionID`.
        case completed(fd: Int32, connectionID: UInt64, bytes: [UInt8], close: Bool)
        /// A task wrote its response directly while shutdown began: let the loop see the connection.
        case reconcile(fd: Int32, connectionID: UInt64)
        /// Stop accepting and close idle connections; busy ones close after their response.
        case beginDraining
        /// Close everything and end the thread.
        case stop
    }

    let index: Int
    private let context: ServerContext
    private let epollFD: Int32
    private let wakeFD: Int32
    private let mailbox = Mutex<[Message]>([])
    private let wakePending = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    /// Set when the thread has closed every connection and returned.
    let exited = Atomic<Bool>(false)
    /// How many times `epoll_wait` has returned: an idle loop's count stays put, a spinning one's climbs.
    let wakeUps = Atomic<Int>(0)

    private var listenerFD: Int32
    private var connections: [Int32: ServerConnection] = [:]
    private var nextConnectionID: UInt64 = 0
    private var nextSweep: ContinuousClock.Instant?
    private var acceptPausedUntil: ContinuousClock.Instant?
    private var running = true
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    private static let maxEvents: Int32 = 256
    private static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    init(index: Int, context: ServerContext, listenerFD: Int32) throws {
        self.index = index
        self.context = context
        self.listenerFD = listenerFD
        epollFD = chs_epoll_create()
        wakeFD = chs_eventfd()
        guard epollFD >= 0, wakeFD >= 0 else {
            throw HTTPServeError(.bindFailed, "cannot create epoll or eventfd: \(Syscall.describe(errno))")
        }
        guard chs_epoll_ctl(epollFD, 1, wakeFD, 1, 0) == 0, chs_epoll_ctl(epollFD, 1, listenerFD, 1, 0) == 0 else {
            throw HTTPServeError(.bindFailed, "cannot register with epoll: \(Syscall.describe(errno))")
        }
    }

    deinit {
        // The eventfd stays open until no task can submit any more, so a late wake-up never hits a reused fd.
        close(epollFD)
        close(wakeFD)
        readBuffer.deallocate()
    }

    /// Starts the loop thread.
    func start() {
        let name = "HTTPServe-loop\(index)"
        // Named from inside: on Linux that is what reaches the kernel (top, /proc/<pid>/task/*/comm).
        Thread { [self] in
            chs_set_thread_name(name)
            run()
        }.start()
    }

    /// Hands `message` to the loop; callable from any thread, never blocks for long.
    func submit(_ message: Message) {
        guard !stopped.load(ordering: .acquiring) else { return }
        mailbox.withLock { $0.append(message) }
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
            var one: UInt64 = 1
            _ = Syscall.run { write(wakeFD, &one, 8) }
        }
    }

    // MARK: - The loop

    private func run() {
        let fds = UnsafeMutablePointer<Int32>.allocate(capacity: Int(Self.maxEvents))
        let flags = UnsafeMutablePointer<UInt32>.allocate(capacity: Int(Self.maxEvents))
        defer {
            fds.deallocate()
            flags.deallocate()
        }
        while running {
            let count = chs_epoll_wait(epollFD, fds, flags, Self.maxEvents, waitTimeout())
            wakeUps.add(1, ordering: .relaxed)
            if count < 0 {
                if errno == EINTR { continue }
                preconditionFailure("epoll_wait failed: \(Syscall.describe(errno))")
            }
            let now = ContinuousClock.now
            for slot in 0..<Int(count) {
                let fd = fds[slot]
                if fd == wakeFD {
                    drainMailbox(now: now)
                } else if fd == listenerFD {
                    acceptConnections(now: now)
                } else if let connection = connections[fd] {
                    handleEvent(flags[slot], on: connection, now: now)
                }
                if !running { break }
            }
            if let nextSweep, ContinuousClock.now >= nextSweep { sweepDeadlines(now: ContinuousClock.now) }
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        closeListener()
        exited.store(true, ordering: .releasing)
    }

    /// Milliseconds until the nearest deadline, or -1 (sleep until an event) when there is none.
    private func waitTimeout() -> Int32 {
        guard let nextSweep else { return -1 }
        let remaining = nextSweep - ContinuousClock.now
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        // Round up, so the loop does not wake a hair early and spin until the deadline.
        return Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, 3_600_000))
    }

    private func noteDeadline(_ deadline: ContinuousClock.Instant?) {
        guard let deadline else { return }
        if nextSweep == nil || deadline < nextSweep! { nextSweep = deadline }
    }

    private func sweepDeadlines(now: ContinuousClock.Instant) {
        nextSweep = nil
        if let paused = acceptPausedUntil {
            if now >= paused {
                acceptPausedUntil = nil
                if listenerFD >= 0 { _ = chs_epoll_ctl(epollFD, 2, listenerFD, 1, 0) }
            } else {
                noteDeadline(paused)
            }
        }
        for connection in Array(connections.values) {
            reclaim(connection)
            guard connections[connection.fd] === connection else { continue }
            switch connection.lifecycle.deadlinePassed(now: now) {
            case .none:
                noteDeadline(connection.lifecycle.deadline)
            case .close:
                closeConnection(connection)
            case .respondAndClose(let status):
                let message = "the request was not received in time"
                queueFinal(context.closingErrorBytes(status: status, message: message), on: connection, now: now)
            }
        }
    }

    // MARK: - Mailbox

    private func drainMailbox(now: ContinuousClock.Instant) {
        var counter: UInt64 = 0
        _ = Syscall.run { read(wakeFD, &counter, 8) }
        wakePending.store(false, ordering: .releasing)
        let messages = mailbox.withLock { pending -> [Message] in
            let taken = pending
            pending.removeAll(keepingCapacity: true)
            return taken
        }
        for message in messages {
            switch message {
            case .completed(let fd, let connectionID, let bytes, let close):
                guard let connection = connections[fd], connection.id == connectionID,
                    connection.lifecycle.phase == .handling
                else { continue }
                _ = connection.handle.reclaim()
                queueResponse(bytes, close: close, on: connection, now: now)
                if connections[fd] === connection { processInput(connection, now: now) }
            case .reconcile(let fd, let connectionID):
                guard let connection = connections[fd], connection.id == connectionID else { continue }
                if reclaim(connection), connections[fd] === connection { processInput(connection, now: now) }
            case .beginDraining:
                closeListener()
                for connection in Array(connections.values) {
                    reclaim(connection)
                    guard connections[connection.fd] === connection else { continue }
                    if connection.lifecycle.beginDraining() == .close { closeConnection(connection) }
                }
            case .stop:
                stopped.store(true, ordering: .releasing)
                running = false
            }
        }
    }

    // MARK: - Accepting

    private func acceptConnections(now: ContinuousClock.Instant) {
        for _ in 0..<64 {
            guard listenerFD >= 0 else { return }
            switch Syscall.run({ Int(chs_accept(listenerFD)) }) {
            case .wouldBlock:
                return
            case .failed(let error):
                if error == ECONNABORTED || error == EPROTO { continue }
                // Out of fds (EMFILE/ENFILE) or memory: level-triggered epoll would report the pending
                // connection forever, so stop watching the listener for a moment instead of spinning.
                _ = chs_epoll_ctl(epollFD, 2, listenerFD, 0, 0)
                acceptPausedUntil = now + .milliseconds(100)
                noteDeadline(acceptPausedUntil)
                return
            case .done(let result):
                admit(Int32(result), now: now)
            }
        }
    }

    private func admit(_ fd: Int32, now: ContinuousClock.Instant) {
        let open = context.connectionCount.add(1, ordering: .relaxed).newValue
        let refused = open > context.configuration.maxConnections || context.draining.load(ordering: .relaxed)
        SocketAddress.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY)
        nextConnectionID += 1
        let lifecycle = ConnectionLifecycle(timeouts: context.configuration.lifecycleTimeouts, now: now)
        let connection = ServerConnection(
            fd: fd, id: nextConnectionID, limits: context.configuration.limits, lifecycle: lifecycle)
        guard chs_epoll_ctl(epollFD, 1, fd, 1, 0) == 0 else {
            close(fd)
            context.connectionCount.subtract(1, ordering: .relaxed)
            return
        }
        connections[fd] = connection
        noteDeadline(lifecycle.deadline)
        if refused {
            // Over the cap: a 503 through the normal final-response path, so the client's request is
            // drained while lingering and the 503 arrives instead of a reset. It counts as open until then.
            let message = "the server is at its connection limit; retry"
            queueFinal(context.closingErrorBytes(status: 503, message: message), on: connection, now: now)
        }
    }

    private func closeListener() {
        guard listenerFD >= 0 else { return }
        _ = chs_epoll_ctl(epollFD, 3, listenerFD, 0, 0)
        close(listenerFD)
        listenerFD = -1
    }

    // MARK: - Connections

    private func handleEvent(_ flags: UInt32, on connection: ServerConnection, now: ContinuousClock.Instant) {
        reclaim(connection)
        guard connections[connection.fd] === connection else { return }
        if flags & CHS_EVENT_ERROR != 0 {
            closeConnection(connection)
            return
        }
        if flags & CHS_EVENT_WRITE != 0 {
            flush(connection, now: now)
            guard connections[connection.fd] === connection else { return }
            if connection.lifecycle.acceptsRequests { processInput(connection, now: now) }
        }
        guard connections[connection.fd] === connection else { return }
        if flags & (CHS_EVENT_READ | CHS_EVENT_HANGUP) != 0 { readAvailable(connection, now: now) }
    }

    private func readAvailable(_ connection: ServerConnection, now: ContinuousClock.Instant) {
        let lingering = connection.lifecycle.phase == .lingering
        for _ in 0..<4 {
            switch Syscall.run({ read(connection.fd, readBuffer.baseAddress, readBuffer.count) }) {
            case .wouldBlock:
                break
            case .failed:
                closeConnection(connection)
                return
            case .done(0):
                connection.peerClosed = true
                if lingering || connection.lifecycle.acceptsRequests && connection.parser.phase == .idle {
                    closeConnection(connection)
                    return
                }
                // Keep serving what was received (a half-closed client still reads the response), but
                // stop watching for input: level-triggered epoll reports EOF forever.
                setInterest(connection, read: false, write: connection.watchingWrite)
            case .done(let count):
                if lingering { continue }
                connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
                if count == readBuffer.count { continue }
            }
            break
        }
        if lingering { return }
        if connection.lifecycle.acceptsRequests {
            processInput(connection, now: now)
        } else if connection.parser.bufferedByteCount > maxHeldInput {
            // A client pipelining faster than we answer: stop reading until the queue drains.
            setInterest(connection, read: false, write: connection.watchingWrite)
        }
    }

    private var maxHeldInput: Int {
        let limits = context.configuration.limits
        return limits.maxRequestLineBytes + limits.maxHeaderBytes + limits.maxBodyBytes + 64 * 1024
    }

    /// Parses and dispatches buffered requests one at a time, so pipelined responses stay in order.
    private func processInput(_ connection: ServerConnection, now: ContinuousClock.Instant) {
        if !connection.watchingRead, !connection.peerClosed, connection.lifecycle.acceptsRequests {
            setInterest(connection, read: true, write: connection.watchingWrite)
        }
        while connection.lifecycle.acceptsRequests, connections[connection.fd] === connection {
            switch connection.parser.next() {
            case .needMoreData:
                if connection.peerClosed {
                    closeConnection(connection)
                    return
                }
                connection.lifecycle.parsed(connection.parser.phase, now: now)
                noteDeadline(connection.lifecycle.deadline)
                return
            case .expectContinue:
                connection.output.append(contentsOf: Self.continueBytes)
                connection.lifecycle.parsed(.body, now: now)
                flush(connection, now: now)
            case .failure(let error):
                queueFinal(context.parseErrorBytes(error), on: connection, now: now)
                return
            case .request(let request):
                switch context.dispatch(request) {
                case .immediate(let bytes, let close):
                    connection.lifecycle.requestDispatched()
                    queueResponse(bytes, close: close, on: connection, now: now)
                case .async(let work):
                    connection.lifecycle.requestDispatched()
                    // The task may write the response itself unless the loop has more to do on this
                    // connection afterwards (pipelined input, pending output, a closed peer).
                    let direct =
                        connection.parser.bufferedByteCount == 0 && !connection.hasPendingOutput
                        && !connection.peerClosed
                    connection.handle.beginRequest(direct: direct)
                    // A directly written response is only seen by the loop at its next event or sweep;
                    // this sweep makes sure the idle deadline still applies.
                    noteDeadline(now + context.configuration.idleTimeout)
                    let fd = connection.fd
                    let id = connection.id
                    let handle = connection.handle
                    Task { [self, context] in
                        let (bytes, close) = await work()
                        let written = close ? 0 : handle.writeDirectly(bytes)
                        if written == bytes.count {
                            if context.draining.load(ordering: .relaxed) {
                                submit(.reconcile(fd: fd, connectionID: id))
                            }
                            return
                        }
                        let rest = written == 0 ? bytes : Array(bytes[written...])
                        submit(.completed(fd: fd, connectionID: id, bytes: rest, close: close))
                    }
                    return
                }
            }
        }
    }

    /// Queues an error response that ends the connection (parse errors, 408).
    private func queueFinal(_ bytes: [UInt8], on connection: ServerConnection, now: ContinuousClock.Instant) {
        connection.lifecycle.requestDispatched()
        queueResponse(bytes, close: true, on: connection, now: now)
    }

    private func queueResponse(
        _ bytes: [UInt8], close: Bool, on connection: ServerConnection, now: ContinuousClock.Instant
    ) {
        connection.lifecycle.responseQueued(close: close, now: now)
        if connection.output.isEmpty {
            connection.output = bytes
        } else {
            connection.output.append(contentsOf: bytes)
        }
        flush(connection, now: now)
    }

    /// Writes pending output until done or the socket is full; then finishes the response if complete.
    private func flush(_ connection: ServerConnection, now: ContinuousClock.Instant) {
        var progressed = false
        while connection.hasPendingOutput {
            let result = connection.output.withUnsafeBytes { buffer in
                Syscall.run {
                    send(
                        connection.fd, buffer.baseAddress! + connection.outputOffset,
                        buffer.count - connection.outputOffset, Int32(MSG_NOSIGNAL))
                }
            }
            switch result {
            case .done(let written):
                connection.outputOffset += written
                progressed = true
            case .wouldBlock:
                if progressed { connection.lifecycle.wroteSome(now: now) }
                noteDeadline(connection.lifecycle.deadline)
                if !connection.watchingWrite { setInterest(connection, read: connection.watchingRead, write: true) }
                return
            case .failed:
                closeConnection(connection)
                return
            }
        }
        connection.output.removeAll(keepingCapacity: connection.output.capacity <= 64 * 1024)
        connection.outputOffset = 0
        if connection.watchingWrite { setInterest(connection, read: connection.watchingRead, write: false) }
        guard connection.lifecycle.phase == .writing else { return }
        switch connection.lifecycle.responseWritten(now: now) {
        case .close, .respondAndClose:
            startClosing(connection, now: now)
        case .none:
            noteDeadline(connection.lifecycle.deadline)
        }
    }

    /// After a final response: shut down our side and drain input briefly, unless nothing is left to read.
    private func startClosing(_ connection: ServerConnection, now: ContinuousClock.Instant) {
        if connection.peerClosed || context.draining.load(ordering: .relaxed) {
            closeConnection(connection)
            return
        }
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.lifecycle.startLingering(now: now, linger: context.configuration.lingerTimeout)
        noteDeadline(connection.lifecycle.deadline)
        if !connection.watchingRead { setInterest(connection, read: true, write: false) }
    }

    private func setInterest(_ connection: ServerConnection, read: Bool, write: Bool) {
        connection.watchingRead = read
        connection.watchingWrite = write
        _ = chs_epoll_ctl(epollFD, 2, connection.fd, read ? 1 : 0, write ? 1 : 0)
    }

    /// Makes the loop the connection's only writer again, and applies a response its task already wrote
    /// directly (as if the loop had written it then). Returns whether there was one.
    @discardableResult
    private func reclaim(_ connection: ServerConnection) -> Bool {
        guard connection.lifecycle.phase == .handling, let writtenAt = connection.handle.reclaim() else {
            return false
        }
        connection.lifecycle.responseQueued(close: false, now: writtenAt)
        switch connection.lifecycle.responseWritten(now: writtenAt) {
        case .close, .respondAndClose: startClosing(connection, now: writtenAt)
        case .none: noteDeadline(connection.lifecycle.deadline)
        }
        return true
    }

    private func closeConnection(_ connection: ServerConnection) {
        guard connections[connection.fd] === connection else { return }
        connections.removeValue(forKey: connection.fd)
        _ = chs_epoll_ctl(epollFD, 3, connection.fd, 0, 0)
        connection.handle.close()
        context.connectionCount.subtract(1, ordering: .relaxed)
    }
}
