internal import CHTTPServeLinux
import Glibc
import Synchronization

/// Accepting connections into the loop's connection table, and closing the listener.
extension EventLoop {
    func acceptConnections(now: ContinuousClock.Instant) {
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

    func admit(_ fd: Int32, now: ContinuousClock.Instant) {
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

    func closeListener() {
        guard listenerFD >= 0 else { return }
        _ = chs_epoll_ctl(epollFD, 3, listenerFD, 0, 0)
        close(listenerFD)
        listenerFD = -1
    }
}
