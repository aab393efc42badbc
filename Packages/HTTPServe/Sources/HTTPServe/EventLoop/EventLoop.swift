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
    let context: ServerContext
    let epollFD: Int32
    let wakeFD: Int32
    let mailbox = Mutex<[Message]>([])
    let wakePending = Atomic<Bool>(false)
    let stopped = Atomic<Bool>(false)
    /// Set when the thread has closed every connection and returned.
    let exited = Atomic<Bool>(false)
    /// How many times `epoll_wait` has returned: an idle loop's count stays put, a spinning one's climbs.
    let wakeUps = Atomic<Int>(0)

    var listenerFD: Int32
    var connections: [Int32: ServerConnection] = [:]
    var nextConnectionID: UInt64 = 0
    var nextSweep: ContinuousClock.Instant?
    var acceptPausedUntil: ContinuousClock.Instant?
    var running = true
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    static let maxEvents: Int32 = 256
    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

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
}
