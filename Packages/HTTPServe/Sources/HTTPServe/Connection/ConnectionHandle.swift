import Glibc
import Synchronization

/// The part of a connection a handler's task may touch: its fd, for writing a response directly.
///
/// Writing from the task that produced the response saves the hand-off to the loop (a mailbox entry,
/// an `eventfd` write and a loop wake-up) in the common case: a keep-alive connection with nothing else
/// buffered. The loop allows it per request and takes it back (`reclaim`) before it touches the
/// connection again; the lock also keeps the fd from being closed, and its number reused, mid-write.
final class ConnectionHandle: Sendable {
    private struct State {
        var open = true
        var directAllowed = false
        var writtenAt: ContinuousClock.Instant?
    }

    let fd: Int32
    private let state = Mutex<State>(State())

    init(fd: Int32) {
        self.fd = fd
    }

    /// Loop: a request was dispatched; `direct` says whether its task may write the response itself.
    func beginRequest(direct: Bool) {
        state.withLock { state in
            state.directAllowed = direct
            state.writtenAt = nil
        }
    }

    /// Task: writes as much of `bytes` as the socket takes without blocking, if allowed; returns the count
    /// written (0 when not allowed). The rest, if any, goes through the loop.
    func writeDirectly(_ bytes: [UInt8]) -> Int {
        state.withLock { state in
            guard state.open, state.directAllowed else { return 0 }
            state.directAllowed = false
            var offset = 0
            bytes.withUnsafeBytes { buffer in
                while offset < buffer.count {
                    let result = Syscall.run {
                        send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                    }
                    guard case .done(let count) = result else { return }
                    offset += count
                }
            }
            if offset == bytes.count { state.writtenAt = .now }
            return offset
        }
    }

    /// Loop: ends direct writing for the current request; returns when a task already wrote its response.
    func reclaim() -> ContinuousClock.Instant? {
        state.withLock { state in
            state.directAllowed = false
            defer { state.writtenAt = nil }
            return state.writtenAt
        }
    }

    /// Loop: closes the fd; no task writes to it afterwards.
    func close() {
        state.withLock { state in
            guard state.open else { return }
            state.open = false
            _ = Glibc.close(fd)
        }
    }
}
