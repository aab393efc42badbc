internal import CHTTPServeLinux
import Glibc
import Synchronization

/// Reading from a connection and turning its input into dispatched requests.
extension EventLoop {
    func handleEvent(_ flags: UInt32, on connection: ServerConnection, now: ContinuousClock.Instant) {
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

    func readAvailable(_ connection: ServerConnection, now: ContinuousClock.Instant) {
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

    var maxHeldInput: Int {
        let limits = context.configuration.limits
        return limits.maxRequestLineBytes + limits.maxHeaderBytes + limits.maxBodyBytes + 64 * 1024
    }

    /// Parses and dispatches buffered requests one at a time, so pipelined responses stay in order.
    func processInput(_ connection: ServerConnection, now: ContinuousClock.Instant) {
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
}
