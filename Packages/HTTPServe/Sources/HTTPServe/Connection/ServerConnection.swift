/// One accepted connection's state, owned by (and only touched on) its event loop's thread.
final class ServerConnection {
    let fd: Int32
    /// Shared with handler tasks for direct response writes; also the one place the fd is closed.
    let handle: ConnectionHandle
    /// Distinguishes this connection from a later one that reuses the same fd number.
    let id: UInt64
    var parser: HTTPRequestParser
    var lifecycle: ConnectionLifecycle
    /// Bytes waiting to be written, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// Whether epoll watches this fd for writability (only while output is pending).
    var watchingWrite = false
    /// Whether epoll watches this fd for readability (not after EOF or while input is held back).
    var watchingRead = true
    /// The peer closed its sending side.
    var peerClosed = false

    init(fd: Int32, id: UInt64, limits: HTTPRequestParser.Limits, lifecycle: ConnectionLifecycle) {
        self.fd = fd
        self.handle = ConnectionHandle(fd: fd)
        self.id = id
        self.parser = HTTPRequestParser(limits: limits)
        self.lifecycle = lifecycle
    }

    var hasPendingOutput: Bool { outputOffset < output.count }
}
