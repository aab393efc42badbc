internal import CHTTPServeLinux
import Glibc

/// The loop's timers: how long `epoll_wait` may sleep, and the sweep that applies passed deadlines.
extension EventLoop {
    /// Milliseconds until the nearest deadline, or -1 (sleep until an event) when there is none.
    func waitTimeout() -> Int32 {
        guard let nextSweep else { return -1 }
        let remaining = nextSweep - ContinuousClock.now
        if remaining <= .zero { return 0 }
        return remaining.pollTimeoutMilliseconds
    }

    func noteDeadline(_ deadline: ContinuousClock.Instant?) {
        guard let deadline else { return }
        if nextSweep == nil || deadline < nextSweep! { nextSweep = deadline }
    }

    func sweepDeadlines(now: ContinuousClock.Instant) {
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
}
