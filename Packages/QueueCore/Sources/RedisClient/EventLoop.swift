internal import CRedisLinux
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The thread that does all of a client's socket I/O: one level-triggered epoll loop over the client's
/// connections, woken through an `eventfd` when callers hand over work.
///
/// Callers (any thread, including the cooperative pool) only append to a lock-protected inbox and
/// signal the eventfd once per batch; the loop drains the inbox, writes everything queued for a
/// connection in one `send`, parses replies with hiredis and resumes the callers' continuations.
/// Concurrent callers therefore pipeline naturally. Blocking work (name resolution) happens here, never
/// on the caller's thread.
final class EventLoop: @unchecked Sendable {
    // Safety: `inbox` is `Locked` (a pthread mutex); the fds are immutable after init; every other stored property is
    // touched only by the loop thread (after the thread starts, nothing else reads or writes them).
    enum Item: Sendable {
        case send(connection: Int, request: PendingRequest)
        /// Closes a dedicated connection's socket; `forget` (its owner closed it for good) also drops its name,
        /// else the next command reconnects under the same name.
        case closeConnection(Int, CheckedContinuation<Void, Never>?, forget: Bool)
        /// Names a dedicated connection: `CLIENT SETNAME` on every (re)connect.
        case nameConnection(Int, String)
        case shutdown(CheckedContinuation<Void, Never>?)
        /// A Swift task job to run on the loop thread (the loop as a `TaskExecutor`).
        case job(UnownedJob)
    }

    private struct Inbox {
        var items: [Item] = []
        /// True while the loop is awake (it will look at `items` before sleeping) or has been signaled:
        /// submitters then skip the eventfd write. The loop clears it, under the lock, only when it
        /// finds no items and goes to sleep, so no wake-up is lost.
        var signaled = false
        var closed = false
    }

    let configuration: RedisConfiguration
    private let inbox = Locked(Inbox())
    private let epollFD: Int32
    private let wakeFD: Int32
    private let startError: String?

    // Loop-thread state.
    private var connections: [Int: LoopConnection] = [:]
    /// Names of dedicated connections, kept across the socket resets of cancelled commands.
    private var connectionNames: [Int: String] = [:]
    private var byFD: [Int32: LoopConnection] = [:]
    private var flushList: [LoopConnection] = []
    private var nextTimerCheck: UInt64 = .max
    private var spareItems: [Item] = []
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    private var stopping = false
    /// Jobs enqueued from the loop thread itself (replies resuming tasks that prefer this executor).
    private var localJobs: [UnownedJob] = []
    private var spareJobs: [UnownedJob] = []
    /// The loop thread's pthread id, so work submitted from the loop thread skips the inbox.
    private let loopThread = Atomic<UInt>(0)
    /// One read buffer shared by all connections of this loop.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    init(configuration: RedisConfiguration) {
        self.configuration = configuration
        epollFD = crl_epoll_create()
        wakeFD = crl_eventfd()
        if epollFD < 0 || wakeFD < 0 {
            startError = "cannot create the event loop (\(String(cString: strerror(errno)))): too many open files?"
            inbox.withLock { $0.closed = true }
            return
        }
        startError = nil
        _ = crl_epoll_ctl(epollFD, 1, wakeFD, 1, 0)
        // Named from inside: on Linux that is what reaches the kernel (Thread.name set before start does not).
        Thread { [self] in
            crl_set_thread_name("redis-loop")
            run()
        }.start()
    }

    deinit {
        // Only now, when no caller can signal any more, are the fds closed (a reused fd number must never
        // receive a stray wake-up).
        if epollFD >= 0 { Glibc.close(epollFD) }
        if wakeFD >= 0 { Glibc.close(wakeFD) }
        readBuffer.deallocate()
    }

    /// The error for work handed to a loop that is shut down (or never started).
    var closedError: RedisError {
        RedisError(
            .closed, startError ?? "the client is closed: create a new RedisClient", address: configuration.address)
    }

    /// The error for an empty command (Redis would never answer `*0`, so it is refused before sending).
    var emptyCommandError: RedisError {
        RedisError(
            .invalidCommand, "an empty command cannot be sent: pass the command name first",
            address: configuration.address)
    }

    // MARK: Any thread

    /// Hands `item` to the loop. Returns false when the loop is shut down (the item was not taken).
    /// Never blocks beyond a short lock and one eventfd write.
    func submit(_ item: Item) -> Bool {
        if isOnLoopThread && !stopping {
            // Already on the loop (a task running on this executor): no lock, no wake-up needed.
            switch item {
            case .send(let id, let request): connection(id).submit(request, now: MonotonicTime.now())
            case .nameConnection(let id, let name): nameConnection(id, name)
            case .job(let job): localJobs.append(job)
            default: return submitToInbox(item)
            }
            return true
        }
        return submitToInbox(item)
    }

    /// The loop thread's pthread id once it runs, else 0 (tests interrupt it with signals).
    var loopThreadID: UInt { loopThread.load(ordering: .relaxed) }

    private var isOnLoopThread: Bool {
        let loopThread = loopThread.load(ordering: .relaxed)
        return loopThread != 0 && pthread_equal(pthread_self(), pthread_t(loopThread)) != 0
    }

    private func submitToInbox(_ item: Item) -> Bool {
        let signal: Bool? = inbox.withLock { inbox in
            if inbox.closed { return nil }
            inbox.items.append(item)
            if inbox.signaled { return false }
            inbox.signaled = true
            return true
        }
        guard let signal else { return false }
        if signal { _ = crl_eventfd_signal(wakeFD) }
        return true
    }

    /// Stops accepting work; pending and later requests fail with `.closed`. Returns false if already closed.
    func beginShutdown(_ continuation: CheckedContinuation<Void, Never>?) -> Bool {
        let signal: Bool? = inbox.withLock { inbox in
            if inbox.closed { return nil }
            inbox.items.append(.shutdown(continuation))
            inbox.closed = true
            defer { inbox.signaled = true }
            return !inbox.signaled
        }
        guard let signal else { return false }
        if signal { _ = crl_eventfd_signal(wakeFD) }
        return true
    }

    /// Sends one command and waits for its reply; an error reply throws `RedisError` (`.server`).
    func execute(_ payload: [UInt8], command: String, on connection: Int, deadline: UInt64) async throws -> RedisValue {
        try await withUnsafeThrowingContinuation { continuation in
            let request = PendingRequest(
                sink: .single(continuation), expected: 1, command: command, deadline: deadline, payload: payload)
            if !submit(.send(connection: connection, request: request)) { continuation.resume(throwing: closedError) }
        }
    }

    /// Sends `count` encoded commands in one write and collects their replies in order.
    func executeBatch(
        _ payload: [UInt8], count: Int, command: String, on connection: Int, deadline: UInt64
    ) async throws -> [Result<RedisValue, RedisError>] {
        try await withUnsafeThrowingContinuation { continuation in
            var request = PendingRequest(
                sink: .batch(continuation), expected: count, command: command, deadline: deadline, payload: payload)
            request.results.reserveCapacity(count)
            if !submit(.send(connection: connection, request: request)) { continuation.resume(throwing: closedError) }
        }
    }

    // MARK: Loop thread

    private func run() {
        loopThread.store(UInt(pthread_self()), ordering: .relaxed)
        var fds = [Int32](repeating: 0, count: 128)
        var flags = [UInt32](repeating: 0, count: 128)
        while !stopping {
            var timeout = localJobs.isEmpty ? timeoutMilliseconds(now: MonotonicTime.now()) : 0
            if timeout != 0 && !prepareToSleep() { timeout = 0 }
            let count = crl_epoll_wait(epollFD, &fds, &flags, 128, timeout)
            if count < 0 {
                if errno == EINTR { continue }
                fatalError("epoll_wait failed: \(String(cString: strerror(errno)))")
            }
            var now = MonotonicTime.now()
            for index in 0..<Int(count) {
                if fds[index] == wakeFD {
                    _ = crl_eventfd_drain(wakeFD)
                } else if let connection = byFD[fds[index]] {
                    connection.handleEvent(flags[index], now: now)
                }
            }
            drainInbox(now: now)
            runLocalJobs()
            flushPending(now: now)
            now = MonotonicTime.now()
            if now >= nextTimerCheck { checkTimers(now: now) }
        }
        for connection in connections.values { connection.close(with: closedError) }
        connections = [:]
        runLocalJobs()
        byFD = [:]
        for waiter in shutdownWaiters { waiter.resume() }
    }

    /// Clears `signaled` when nothing is queued, so the next submitter wakes the loop; false when work
    /// arrived meanwhile (then the loop must not sleep).
    private func prepareToSleep() -> Bool {
        inbox.withLock { inbox in
            guard inbox.items.isEmpty else { return false }
            inbox.signaled = false
            return true
        }
    }

    private func timeoutMilliseconds(now: UInt64) -> Int32 {
        guard nextTimerCheck != .max else { return -1 }
        guard nextTimerCheck > now else { return 0 }
        // Round up so the loop never wakes just before a deadline and spins.
        return Int32(min((nextTimerCheck - now + 999_999) / 1_000_000, 60_000))
    }

    private func drainInbox(now: UInt64) {
        var items = spareItems
        inbox.withLock { inbox in
            swap(&inbox.items, &items)
            // Awake: submitters need not signal until `prepareToSleep`.
            inbox.signaled = true
        }
        // Reversed and popped, so each item is moved out rather than copied (no retain/release per item).
        items.reverse()
        while let item = items.popLast() {
            switch item {
            case .send(let id, let request):
                if stopping {
                    request.fail(closedError)
                } else {
                    connection(id).submit(request, now: now)
                }
            case .nameConnection(let id, let name):
                nameConnection(id, name)
            case .closeConnection(let id, let continuation, let forget):
                if forget { connectionNames[id] = nil }
                if let connection = connections.removeValue(forKey: id) {
                    connection.close(
                        with: RedisError(.closed, "the dedicated connection is closed", address: configuration.address))
                }
                continuation?.resume()
            case .shutdown(let continuation):
                stopping = true
                if let continuation { shutdownWaiters.append(continuation) }
            case .job(let job):
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
        items.removeAll(keepingCapacity: true)
        spareItems = items
    }

    private func runLocalJobs() {
        guard !localJobs.isEmpty else { return }
        var jobs = spareJobs
        swap(&jobs, &localJobs)
        for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
        jobs.removeAll(keepingCapacity: true)
        spareJobs = jobs
    }

    private func connection(_ id: Int) -> LoopConnection {
        if let existing = connections[id] { return existing }
        let created = LoopConnection(id: id, loop: self, configuration: configuration, clientName: connectionNames[id])
        connections[id] = created
        return created
    }

    private func nameConnection(_ id: Int, _ name: String) {
        connectionNames[id] = name
        connections[id]?.setClientName(name)
    }

    private func flushPending(now: UInt64) {
        guard !flushList.isEmpty else { return }
        let list = flushList
        flushList.removeAll(keepingCapacity: true)
        for connection in list where connection.needsFlush { connection.flush(now: now) }
    }

    private func checkTimers(now: UInt64) {
        // Reset first: a connection that starts an attempt while checked schedules its deadline meanwhile.
        nextTimerCheck = .max
        for connection in connections.values { scheduleTimer(at: connection.checkTimers(now: now)) }
    }

    // MARK: Called by connections (loop thread)

    /// Makes sure the loop looks at its connections' timers no later than `instant`.
    func scheduleTimer(at instant: UInt64) {
        if instant < nextTimerCheck { nextTimerCheck = instant }
    }

    /// Asks for `connection.flush` at the end of this iteration (batching every request handed over).
    func markForFlush(_ connection: LoopConnection) {
        flushList.append(connection)
    }

    /// Watches the connection's socket. False, with errno set, when epoll refuses it (out of memory, or
    /// the `max_user_watches` limit): the caller closes the socket and fails the attempt.
    func register(_ connection: LoopConnection, writable: Bool) -> Bool {
        guard crl_epoll_ctl(epollFD, 1, connection.fd, 1, writable ? 1 : 0) == 0 else { return false }
        byFD[connection.fd] = connection
        return true
    }

    func update(_ connection: LoopConnection, writable: Bool) {
        _ = crl_epoll_ctl(epollFD, 2, connection.fd, 1, writable ? 1 : 0)
    }

    func unregister(_ connection: LoopConnection) {
        byFD[connection.fd] = nil
        _ = crl_epoll_ctl(epollFD, 3, connection.fd, 0, 0)
    }
}

extension EventLoop: TaskExecutor {
    /// Runs a task's job on the loop thread, between I/O events (see `RedisClient.taskExecutor`).
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // Once the loop has stopped, the job runs on the global pool rather than being dropped.
        if !submit(.job(job)) { globalConcurrentExecutor.enqueue(job) }
    }
}
