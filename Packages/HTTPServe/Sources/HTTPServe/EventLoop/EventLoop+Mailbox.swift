internal import CHTTPServeLinux
import Glibc
import Synchronization

/// Messages from other threads: completed `async` responses, reconciliation, draining and stop.
extension EventLoop {
    func drainMailbox(now: ContinuousClock.Instant) {
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
}
