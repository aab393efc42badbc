import Glibc

/// One client TCP connection with blocking-style reads and writes under a deadline (non-blocking socket
/// plus `poll`). Used only on the client's worker thread.
final class ClientConnection {
    let fd: Int32
    let key: String
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Whether bytes arrived since `beginExchange()` (a reused connection that fails before any is retried).
    private(set) var receivedAny = false

    private init(fd: Int32, key: String) {
        self.fd = fd
        self.key = key
    }

    deinit { close(fd) }

    /// Resolves `host`, connects within `deadline`, and sets `TCP_NODELAY`.
    static func connect(host: String, port: Int, deadline: ContinuousClock.Instant) throws -> ClientConnection {
        let address = "\(host):\(port)"
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
            throw HTTPServeError(.connectFailed, "cannot resolve \(address); check the host name")
        }
        defer { freeaddrinfo(results) }
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { throw HTTPServeError(.connectFailed, "cannot create a socket for \(address)") }
        let connection = ClientConnection(fd: fd, key: address)
        SocketAddress.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY)
        if case .failed(let error) = Syscall.run({
            Int(Glibc.connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen))
        }),
            error != EINPROGRESS
        {
            throw HTTPServeError(
                .connectFailed, "cannot connect to \(address): \(Syscall.describe(error)); is the server running?")
        }
        try connection.wait(for: Int16(POLLOUT), until: deadline, doing: "connecting to \(address)")
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else {
            throw HTTPServeError(
                .connectFailed, "cannot connect to \(address): \(Syscall.describe(error)); is the server running?")
        }
        return connection
    }

    /// Writes all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Syscall.run { send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL)) }
            }
            switch result {
            case .done(let count): offset += count
            case .wouldBlock: try wait(for: Int16(POLLOUT), until: deadline, doing: "sending to \(key)")
            case .failed(let error):
                throw HTTPServeError(.connectionClosed, "sending to \(key) failed: \(Syscall.describe(error))")
            }
        }
    }

    /// Reads one CRLF-terminated line (without CRLF), of at most `limit` bytes.
    func readLine(limit: Int, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        // Counted from `readIndex`, because `fill` may move the buffer's contents.
        var scanned = 0
        while true {
            if let lineFeed = buffer[(readIndex + scanned)...].firstIndex(of: 0x0A) {
                guard lineFeed > readIndex, buffer[lineFeed - 1] == 0x0D else {
                    throw HTTPServeError(.malformedResponse, "\(key) sent a line without CRLF")
                }
                let line = Array(buffer[readIndex..<(lineFeed - 1)])
                readIndex = lineFeed + 1
                return line
            }
            guard buffer.count - readIndex <= limit + 1 else {
                throw HTTPServeError(.malformedResponse, "\(key) sent a header line longer than \(limit) bytes")
            }
            scanned = buffer.count - readIndex
            guard try fill(deadline: deadline) else {
                throw HTTPServeError(.connectionClosed, "\(key) closed the connection before a complete response")
            }
        }
    }

    /// Reads exactly `count` bytes.
    func read(count: Int, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while buffer.count - readIndex < count {
            guard try fill(deadline: deadline) else {
                throw HTTPServeError(.connectionClosed, "\(key) closed the connection in the middle of a body")
            }
        }
        let bytes = Array(buffer[readIndex..<(readIndex + count)])
        readIndex += count
        return bytes
    }

    /// Reads until the peer closes, up to `limit` bytes.
    func readToEnd(limit: Int, deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while try fill(deadline: deadline) {
            guard buffer.count - readIndex <= limit else {
                throw HTTPServeError(.malformedResponse, "the response from \(key) exceeds \(limit) bytes")
            }
        }
        let bytes = Array(buffer[readIndex...])
        readIndex = buffer.count
        return bytes
    }

    /// Marks the start of a request on this connection.
    func beginExchange() { receivedAny = false }

    /// Whether unread bytes are buffered (a keep-alive connection with leftovers is not reused).
    var hasBufferedInput: Bool { readIndex < buffer.count }

    /// Reads what is available (waiting until `deadline`); false at end of stream.
    private func fill(deadline: ContinuousClock.Instant) throws -> Bool {
        if readIndex > 0, readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let result = chunk.withUnsafeMutableBytes { raw in
                Syscall.run { Glibc.read(fd, raw.baseAddress, raw.count) }
            }
            switch result {
            case .done(0):
                return false
            case .done(let count):
                receivedAny = true
                buffer.append(contentsOf: chunk[0..<count])
                return true
            case .wouldBlock:
                try wait(for: Int16(POLLIN), until: deadline, doing: "waiting for a response from \(key)")
            case .failed(let error):
                throw HTTPServeError(.connectionClosed, "receiving from \(key) failed: \(Syscall.describe(error))")
            }
        }
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, doing what: String) throws {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw HTTPServeError(.timedOut, "timed out \(what)") }
            let milliseconds = remaining.pollTimeoutMilliseconds
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            switch Syscall.run({ Int(poll(&descriptor, 1, milliseconds)) }) {
            case .done(0), .wouldBlock: continue
            case .done: return
            case .failed(let error):
                throw HTTPServeError(.connectionClosed, "\(what) failed: \(Syscall.describe(error))")
            }
        }
    }
}
