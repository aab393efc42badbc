internal import CRedisLinux

#if canImport(Glibc)
import Glibc
#endif

/// One Redis connection driven by an `EventLoop`: a non-blocking socket, its output buffer, the
/// requests waiting for replies (in order) and those waiting for the connection to be ready.
///
/// It does the I/O; `RedisConnectionLifecycle` decides (phases, the attempt's deadline, the backoff, the
/// handshake) and this class performs the action it returns.
/// Not thread-safe: every method runs on the event loop thread.
final class LoopConnection {
    let id: Int
    private unowned let loop: EventLoop
    private let configuration: RedisConfiguration
    /// Phase, attempt deadline and backoff: the decisions; this class performs them.
    private var lifecycle: RedisConnectionLifecycle
    private(set) var fd: Int32 = -1
    private let parser = ReplyParser()
    private var inFlight = FIFO<PendingRequest>()
    private var waiting = FIFO<PendingRequest>()
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var watchingWritable = false
    /// True while listed in the loop's flush list for this iteration.
    var needsFlush = false
    private var addresses: [crl_address] = []
    private var addressIndex = 0

    init(id: Int, loop: EventLoop, configuration: RedisConfiguration, clientName: String? = nil) {
        self.id = id
        self.loop = loop
        self.configuration = configuration
        self.lifecycle = RedisConnectionLifecycle(configuration: configuration)
        lifecycle.clientName = clientName
    }

    /// The client name set on every (re)connect from the next one on; nil sets none.
    func setClientName(_ name: String?) {
        lifecycle.clientName = name
    }

    // MARK: Requests

    /// Queues a request: written at the end of this loop iteration when ready, else after (re)connecting.
    func submit(_ request: PendingRequest, now: UInt64) {
        loop.scheduleTimer(at: request.deadline)
        if lifecycle.phase == .ready {
            enqueueForWrite(request)
            return
        }
        waiting.append(request)
        perform(lifecycle.requestWaiting(now: now), now: now)
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
        lifecycle.closed()
    }

    // MARK: Lifecycle actions

    /// Does what the lifecycle decided.
    private func perform(_ action: RedisConnectionLifecycle.Action, now: UInt64) {
        switch action {
        case .none:
            break
        case .connect(let deadline):
            loop.scheduleTimer(at: deadline)
            startConnecting(now: now)
        case .wake(let instant):
            loop.scheduleTimer(at: instant)
        case .handshake(let steps):
            for step in steps { enqueueForWrite(handshakeRequest(step)) }
        case .ready:
            while let request = waiting.removeFirst() { enqueueForWrite(request) }
        case .close(let error, let failWaiting):
            closeSocket()
            inFlight.removeAll().forEach { $0.fail(error) }
            if failWaiting { waiting.removeAll().forEach { $0.fail(error) } }
            if !waiting.isEmpty { perform(lifecycle.requestWaiting(now: now), now: now) }
        }
    }

    private func handshakeRequest(_ step: PendingRequest.HandshakeStep) -> PendingRequest {
        switch step {
        case .auth:
            let arguments =
                ["AUTH"] + (configuration.username.map { [$0] } ?? []) + [configuration.password ?? ""]
            return PendingRequest(
                sink: .handshake(.auth), expected: 1, command: "AUTH", deadline: .max,
                payload: RESPEncoder.encode(arguments))
        case .select:
            return PendingRequest(
                sink: .handshake(.select), expected: 1, command: "SELECT", deadline: .max,
                payload: RESPEncoder.encode(["SELECT", String(configuration.database)]))
        case .setName:
            return PendingRequest(
                sink: .handshake(.setName), expected: 1, command: "CLIENT", deadline: .max,
                payload: RESPEncoder.encode(["CLIENT", "SETNAME", lifecycle.clientName ?? ""]))
        }
    }

    // MARK: Timers

    /// Expires what is due at `now` and returns the next instant this connection needs attention.
    func checkTimers(now: UInt64) -> UInt64 {
        perform(lifecycle.deadlinePassed(now: now, hasWaiting: !waiting.isEmpty), now: now)
        var next = lifecycle.nextDeadline(hasWaiting: !waiting.isEmpty) ?? .max
        if let head = inFlight.first, head.deadline <= now, lifecycle.phase == .ready {
            // Replies are matched to requests by order, so once one is abandoned the connection is unusable.
            inFlight.removeFirst()
            head.fail(lifecycle.commandTimedOut())
            perform(lifecycle.connectionLost(lifecycle.resetAfterTimeout(of: head.command), now: now), now: now)
        } else if let head = inFlight.first {
            next = min(next, head.deadline)
        }
        while let head = waiting.first, head.deadline <= now {
            waiting.removeFirst()
            head.fail(lifecycle.timedOutWaitingForConnection())
        }
        if let head = waiting.first { next = min(next, head.deadline) }
        return next
    }

    // MARK: Connecting

    private func startConnecting(now: UInt64) {
        addresses = []
        addressIndex = 0
        switch configuration.endpoint {
        case .tcp(let host, let port):
            // getaddrinfo blocks for host names (not for IP literals); it runs on the loop thread we own.
            var buffer = [crl_address](repeating: crl_address(), count: 8)
            let count = crl_resolve(host, Int32(port), &buffer, 8)
            guard count > 0 else {
                let reason = count == 0 ? "no address" : String(cString: crl_resolve_error(count))
                perform(lifecycle.attemptFailed(lifecycle.cannotResolve(reason), now: now), now: now)
                return
            }
            addresses = Array(buffer.prefix(Int(count)))
        case .unix(let path):
            var unixAddress = crl_address()
            guard crl_unix_address(path, &unixAddress) == 0 else {
                perform(lifecycle.attemptFailed(lifecycle.unixPathTooLong(), now: now), now: now)
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
            guard result >= 0 else {
                error = errno
                continue
            }
            fd = socket
            // Connected at once (0) or in progress (1): then writability says when it is done.
            guard loop.register(self, writable: result == 1) else {
                error = errno
                closeSocket()
                continue
            }
            if result == 0 { connected(now: now) }
            return
        }
        let failure = lifecycle.cannotConnect(String(cString: strerror(error)))
        perform(lifecycle.attemptFailed(failure, now: now), now: now)
    }

    private func connected(now: UInt64) {
        if case .tcp = configuration.endpoint { crl_tune_tcp(fd) }
        parser.reset()
        perform(lifecycle.connected(now: now), now: now)
    }

    private func connectionLost(_ error: RedisError, now: UInt64) {
        perform(lifecycle.connectionLost(error, now: now), now: now)
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
        if lifecycle.phase == .connecting {
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
            let count = crl_read(fd, buffer.baseAddress, UInt(buffer.count))
            if count == 0 {
                connectionLost(lifecycle.closedByServer(), now: now)
                return
            }
            if count < 0 {
                let error = errno
                if error == EAGAIN || error == EWOULDBLOCK { return }
                precondition(error != EBADF, "read on a closed file descriptor: a bug in RedisClient")
                connectionLost(lifecycle.ioFailed("reading", String(cString: strerror(error))), now: now)
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
        connectionLost(lifecycle.protocolError(detail), now: now)
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
                    continuation.resume(throwing: lifecycle.serverError(message, command: request.command))
                } else {
                    continuation.resume(returning: value)
                }
                return true
            case .batch(let continuation):
                if case .error(let message) = value {
                    request.results.append(.failure(lifecycle.serverError(message, command: request.command)))
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
        var serverError: String?
        if case .error(let message) = value { serverError = message }
        perform(lifecycle.handshakeReplied(step, serverError: serverError, now: now), now: now)
    }

    /// Writes as much buffered output as the socket takes; watches for writability when it is full.
    func flush(now: UInt64) {
        needsFlush = false
        guard fd >= 0, lifecycle.phase != .connecting, outputOffset < output.count else { return }
        while outputOffset < output.count {
            let written = output.withUnsafeBytes { bytes in
                crl_send(fd, bytes.baseAddress! + outputOffset, UInt(bytes.count - outputOffset))
            }
            if written < 0 {
                let error = errno
                if error == EAGAIN || error == EWOULDBLOCK { break }
                precondition(error != EBADF, "send on a closed file descriptor: a bug in RedisClient")
                connectionLost(lifecycle.ioFailed("writing", String(cString: strerror(error))), now: now)
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
