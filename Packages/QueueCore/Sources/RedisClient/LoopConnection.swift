internal import CRedisLinux

#if canImport(Glibc)
import Glibc
#endif

/// One Redis connection driven by an `EventLoop`: a non-blocking socket, its output buffer, the
/// requests waiting for replies (in order) and those waiting for the connection to be ready.
///
/// Lifecycle: disconnected → connecting (TCP) → handshaking (`AUTH`, `SELECT`) → ready; any failure goes
/// back to disconnected, and the next request reconnects after a capped exponential backoff.
/// Not thread-safe: every method runs on the event loop thread.
final class LoopConnection {
    enum Phase { case disconnected, connecting, handshaking, ready }

    let id: Int
    private unowned let loop: EventLoop
    private let configuration: RedisConfiguration
    private let backoff: ReconnectBackoff
    private(set) var fd: Int32 = -1
    private(set) var phase = Phase.disconnected
    private let parser = ReplyParser()
    private var inFlight = FIFO<PendingRequest>()
    private var waiting = FIFO<PendingRequest>()
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var watchingWritable = false
    /// True while listed in the loop's flush list for this iteration.
    var needsFlush = false
    private var failures = 0
    private var nextAttempt: UInt64 = 0
    private var connectDeadline: UInt64 = .max
    private var addresses: [crl_address] = []
    private var addressIndex = 0
    private var lastConnectError: String?
    private var pendingHandshakes = 0

    init(id: Int, loop: EventLoop, configuration: RedisConfiguration) {
        self.id = id
        self.loop = loop
        self.configuration = configuration
        self.backoff = ReconnectBackoff(initial: configuration.reconnectDelay, maximum: configuration.maxReconnectDelay)
    }

    private var address: String { configuration.address }

    // MARK: Requests

    /// Queues a request: written at the end of this loop iteration when ready, else after (re)connecting.
    func submit(_ request: PendingRequest, now: UInt64) {
        loop.scheduleTimer(at: request.deadline)
        if phase == .ready {
            enqueueForWrite(request)
            return
        }
        waiting.append(request)
        if phase == .disconnected {
            if now >= nextAttempt { startConnecting(now: now) } else { loop.scheduleTimer(at: nextAttempt) }
        }
    }

    private func enqueueForWrite(_ request: PendingRequest) {
        var request = request
        output.append(contentsOf: request.payload)
        request.payload = []
        inFlight.append(request)
        if !needsFlush {
            needsFlush = true
            loop.markForFlush(self)
        }
    }

    /// Fails every request with `error` and closes the socket (client shut-down or `RedisConnection.close`).
    func close(with error: RedisError) {
        closeSocket()
        for request in inFlight.removeAll() { request.fail(error) }
        for request in waiting.removeAll() { request.fail(error) }
        phase = .disconnected
    }

    // MARK: Timers

    /// Expires what is due at `now` and returns the next instant this connection needs attention.
    func checkTimers(now: UInt64) -> UInt64 {
        var next = UInt64.max
        switch phase {
        case .connecting, .handshaking:
            if now >= connectDeadline {
                let stage = phase == .connecting ? "connecting" : "authenticating"
                attemptFailed(
                    RedisError(
                        .connectTimeout,
                        "no answer within the connect timeout (\(configuration.connectTimeout.readable)) while \(stage): check that the server runs and is reachable, or raise connectTimeout",
                        address: address), now: now)
            } else {
                next = connectDeadline
            }
        case .disconnected:
            if !waiting.isEmpty {
                if now >= nextAttempt { startConnecting(now: now) } else { next = nextAttempt }
            }
        case .ready:
            break
        }
        if let head = inFlight.first, head.deadline <= now, phase == .ready {
            timedOut(head, now: now)
        } else if let head = inFlight.first {
            next = min(next, head.deadline)
        }
        while let head = waiting.first, head.deadline <= now {
            waiting.removeFirst()
            let reason = lastConnectError.map { " (last connection error: \($0))" } ?? ""
            head.fail(
                RedisError(
                    .commandTimeout,
                    "timed out after \(configuration.commandTimeout.readable) waiting for a connection\(reason): check that the server runs",
                    address: address))
        }
        if let head = waiting.first { next = min(next, head.deadline) }
        return next
    }

    private func timedOut(_ head: PendingRequest, now: UInt64) {
        // Replies are matched to requests by order, so once one is abandoned the connection is unusable.
        inFlight.removeFirst()
        head.fail(
            RedisError(
                .commandTimeout,
                "no reply within the command timeout (\(configuration.commandTimeout.readable)): the server may be blocked, overloaded or unreachable; the connection is reset. Use a dedicated connection for blocking commands",
                address: address))
        connectionLost(
            RedisError(
                .connectionLost,
                "the connection was reset because an earlier command (\(head.command)) timed out; the command may or may not have run",
                address: address), now: now)
    }

    // MARK: Connecting

    private func startConnecting(now: UInt64) {
        phase = .connecting
        connectDeadline = now.addingDuration(configuration.connectTimeout)
        loop.scheduleTimer(at: connectDeadline)
        addresses = []
        addressIndex = 0
        switch configuration.endpoint {
        case .tcp(let host, let port):
            // getaddrinfo blocks for host names (not for IP literals); it runs on the loop thread we own.
            var buffer = [crl_address](repeating: crl_address(), count: 8)
            let count = crl_resolve(host, Int32(port), &buffer, 8)
            guard count > 0 else {
                let reason = count == 0 ? "no address" : String(cString: crl_resolve_error(count))
                attemptFailed(
                    RedisError(
                        .connectFailed, "cannot resolve the host (\(reason)): fix the host in REDIS_URL",
                        address: address), now: now)
                return
            }
            addresses = Array(buffer.prefix(Int(count)))
        case .unix(let path):
            var unixAddress = crl_address()
            guard crl_unix_address(path, &unixAddress) == 0 else {
                attemptFailed(
                    RedisError(.connectFailed, "the Unix socket path is too long", address: address), now: now)
                return
            }
            addresses = [unixAddress]
        }
        tryNextAddress(lastError: nil, now: now)
    }

    private func tryNextAddress(lastError: Int32?, now: UInt64) {
        var error = lastError ?? ECONNREFUSED
        while addressIndex < addresses.count {
            var socket: Int32 = -1
            let result = crl_connect(&addresses[addressIndex], &socket)
            addressIndex += 1
            if result == 0 {
                fd = socket
                loop.register(self, writable: false)
                connected(now: now)
                return
            }
            if result == 1 {
                fd = socket
                loop.register(self, writable: true)
                return
            }
            error = errno
        }
        attemptFailed(
            RedisError(
                .connectFailed,
                "cannot connect (\(String(cString: strerror(error)))): start redis-server or fix REDIS_URL",
                address: address), now: now)
    }

    private func connected(now: UInt64) {
        if case .tcp = configuration.endpoint { crl_tune_tcp(fd) }
        parser.reset()
        if configuration.password == nil && configuration.database == 0 {
            becomeReady(now: now)
            return
        }
        phase = .handshaking
        pendingHandshakes = (configuration.password == nil ? 0 : 1) + (configuration.database == 0 ? 0 : 1)
        if let password = configuration.password {
            let arguments = ["AUTH"] + (configuration.username.map { [$0] } ?? []) + [password]
            enqueueForWrite(
                PendingRequest(
                    sink: .handshake(.auth), expected: 1, command: "AUTH", deadline: .max,
                    payload: RESPEncoder.encode(arguments)))
        }
        if configuration.database != 0 {
            enqueueForWrite(
                PendingRequest(
                    sink: .handshake(.select), expected: 1, command: "SELECT", deadline: .max,
                    payload: RESPEncoder.encode(["SELECT", String(configuration.database)])))
        }
    }

    private func becomeReady(now: UInt64) {
        phase = .ready
        failures = 0
        lastConnectError = nil
        connectDeadline = .max
        while let request = waiting.removeFirst() { enqueueForWrite(request) }
    }

    /// A connection attempt failed: requests waiting for it fail too, and the next attempt waits.
    private func attemptFailed(_ error: RedisError, now: UInt64) {
        closeSocket()
        phase = .disconnected
        failures += 1
        lastConnectError = error.message
        nextAttempt = now.addingDuration(backoff.delay(afterFailures: failures))
        inFlight.removeAll().forEach { $0.fail(error) }
        waiting.removeAll().forEach { $0.fail(error) }
    }

    /// An established connection broke: requests in flight fail (they may or may not have run).
    private func connectionLost(_ error: RedisError, now: UInt64) {
        if phase == .connecting || phase == .handshaking {
            attemptFailed(RedisError(.connectFailed, error.message, address: address), now: now)
            return
        }
        closeSocket()
        phase = .disconnected
        nextAttempt = now
        for request in inFlight.removeAll() { request.fail(error) }
        if !waiting.isEmpty { startConnecting(now: now) }
    }

    private func closeSocket() {
        guard fd >= 0 else { return }
        loop.unregister(self)
        Glibc.close(fd)
        fd = -1
        output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
        outputOffset = 0
        watchingWritable = false
    }

    // MARK: I/O events

    /// Handles epoll readiness for this connection's socket.
    func handleEvent(_ flags: UInt32, now: UInt64) {
        if phase == .connecting {
            guard flags & (CRL_EVENT_WRITE | CRL_EVENT_ERROR | CRL_EVENT_HANGUP) != 0 else { return }
            let error = crl_socket_error(fd)
            if error == 0 {
                watchingWritable = false
                loop.update(self, writable: false)
                connected(now: now)
                if !output.isEmpty { flush(now: now) }
            } else {
                closeSocket()
                tryNextAddress(lastError: error, now: now)
            }
            return
        }
        if flags & (CRL_EVENT_READ | CRL_EVENT_HANGUP | CRL_EVENT_ERROR) != 0 {
            readAvailable(now: now)
        }
        if fd >= 0, flags & CRL_EVENT_WRITE != 0 {
            flush(now: now)
        }
    }

    private func readAvailable(now: UInt64) {
        let buffer = loop.readBuffer
        while fd >= 0 {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count == 0 {
                connectionLost(
                    RedisError(
                        .connectionLost,
                        "the server closed the connection (restarted, killed, or timeout/maxclients reached); the command may or may not have run. The client reconnects by itself",
                        address: address), now: now)
                return
            }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                if error == EAGAIN || error == EWOULDBLOCK { return }
                connectionLost(
                    RedisError(
                        .connectionLost,
                        "reading failed (\(String(cString: strerror(error)))); the command may or may not have run. The client reconnects by itself",
                        address: address), now: now)
                return
            }
            guard parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) else {
                protocolError("hiredis refused the bytes", now: now)
                return
            }
            do {
                while let value = try parser.next() {
                    deliver(value, now: now)
                    if fd < 0 { return }
                }
            } catch {
                protocolError(error.message, now: now)
                return
            }
            // A partly filled buffer means the socket is drained; level-triggered epoll reports more later.
            if count < buffer.count { return }
        }
    }

    private func protocolError(_ detail: String, now: UInt64) {
        connectionLost(
            RedisError(
                .protocolError,
                "the server sent invalid RESP (\(detail)); is this a Redis server? The connection is reset",
                address: address), now: now)
    }

    private func deliver(_ value: RedisValue, now: UInt64) {
        guard !inFlight.isEmpty else {
            protocolError("a reply arrived with no command waiting for it", now: now)
            return
        }
        let done: Bool = inFlight.updateFirst { request in
            switch request.sink {
            case .single(let continuation):
                if case .error(let message) = value {
                    continuation.resume(throwing: serverError(message, command: request.command))
                } else {
                    continuation.resume(returning: value)
                }
                return true
            case .batch(let continuation):
                if case .error(let message) = value {
                    request.results.append(.failure(serverError(message, command: request.command)))
                } else {
                    request.results.append(.success(value))
                }
                guard request.results.count == request.expected else { return false }
                continuation.resume(returning: request.results)
                return true
            case .handshake:
                return true
            }
        }
        guard done, let finished = inFlight.removeFirst() else { return }
        if case .handshake(let step) = finished.sink { handshakeReplied(step, value, now: now) }
    }

    private func handshakeReplied(_ step: PendingRequest.HandshakeStep, _ value: RedisValue, now: UInt64) {
        if case .error(let message) = value {
            switch step {
            case .auth:
                attemptFailed(
                    RedisError(
                        .authenticationFailed,
                        "the server refused AUTH (\(message)): check the user and password in REDIS_URL",
                        address: address, command: "AUTH", serverMessage: message), now: now)
            case .select:
                attemptFailed(
                    RedisError(
                        .selectFailed,
                        "the server refused SELECT \(configuration.database) (\(message)): check the database number in REDIS_URL",
                        address: address, command: "SELECT", serverMessage: message), now: now)
            }
            return
        }
        pendingHandshakes -= 1
        if phase == .handshaking && pendingHandshakes == 0 { becomeReady(now: now) }
    }

    private func serverError(_ message: String, command: String) -> RedisError {
        let prefix = message.prefix { $0 != " " }
        let code: RedisError.Code = prefix == "NOAUTH" || prefix == "WRONGPASS" ? .authenticationFailed : .server
        let hint = code == .authenticationFailed ? ": set the password in REDIS_URL" : ""
        return RedisError(
            code, "the server answered with an error: \(message)\(hint)", address: address, command: command,
            serverMessage: message)
    }

    /// Writes as much buffered output as the socket takes; watches for writability when it is full.
    func flush(now: UInt64) {
        needsFlush = false
        guard fd >= 0, phase != .connecting, outputOffset < output.count else { return }
        while outputOffset < output.count {
            let written = output.withUnsafeBytes { bytes in
                crl_send(fd, bytes.baseAddress! + outputOffset, UInt(bytes.count - outputOffset))
            }
            if written < 0 {
                let error = errno
                if error == EAGAIN || error == EWOULDBLOCK { break }
                connectionLost(
                    RedisError(
                        .connectionLost,
                        "writing failed (\(String(cString: strerror(error)))); the command may or may not have run. The client reconnects by itself",
                        address: address), now: now)
                return
            }
            outputOffset += written
        }
        if outputOffset == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
            outputOffset = 0
            if watchingWritable {
                watchingWritable = false
                loop.update(self, writable: false)
            }
        } else if !watchingWritable {
            watchingWritable = true
            loop.update(self, writable: true)
        }
    }
}
