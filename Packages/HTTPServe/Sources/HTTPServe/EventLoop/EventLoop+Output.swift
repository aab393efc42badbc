internal import CHTTPServeLinux
import Glibc
import Synchronization

/// Writing responses, closing gracefully, and removing connections from the table.
extension EventLoop {
    /// Queues an error response that ends the connection (parse errors, 408).
    func queueFinal(_ bytes: [UInt8], on connection: ServerConnection, now: ContinuousClock.Instant) {
        connection.lifecycle.requestDispatched()
        queueResponse(bytes, close: true, on: connection, now: now)
    }

    func queueResponse(
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
    func flush(_ connection: ServerConnection, now: ContinuousClock.Instant) {
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
    func startClosing(_ connection: ServerConnection, now: ContinuousClock.Instant) {
        if connection.peerClosed || context.draining.load(ordering: .relaxed) {
            closeConnection(connection)
            return
        }
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.lifecycle.startLingering(now: now, linger: context.configuration.lingerTimeout)
        noteDeadline(connection.lifecycle.deadline)
        if !connection.watchingRead { setInterest(connection, read: true, write: false) }
    }

    func setInterest(_ connection: ServerConnection, read: Bool, write: Bool) {
        connection.watchingRead = read
        connection.watchingWrite = write
        _ = chs_epoll_ctl(epollFD, 2, connection.fd, read ? 1 : 0, write ? 1 : 0)
    }

    /// Makes the loop the connection's only writer again, and applies a response its task already wrote
    /// directly (as if the loop had written it then). Returns whether there was one.
    @discardableResult
    func reclaim(_ connection: ServerConnection) -> Bool {
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

    func closeConnection(_ connection: ServerConnection) {
        guard connections[connection.fd] === connection else { return }
        connections.removeValue(forKey: connection.fd)
        _ = chs_epoll_ctl(epollFD, 3, connection.fd, 0, 0)
        connection.handle.close()
        context.connectionCount.subtract(1, ordering: .relaxed)
    }
}
