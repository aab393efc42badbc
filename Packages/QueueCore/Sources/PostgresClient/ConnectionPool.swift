import Synchronization

/// A bounded set of `PooledConnection` slots, made lazily; callers beyond the size wait in FIFO order for at
/// most the acquire timeout.
final class ConnectionPool: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<PooledConnection, any Error>
        let timer: Task<Void, Never>
    }

    private struct State {
        var idle: [PooledConnection] = []
        var all: [PooledConnection] = []
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var isClosed = false
    }

    private let state = Mutex(State())
    private let settings: PostgresClient.Settings

    init(settings: PostgresClient.Settings) { self.settings = settings }

    /// A slot for the caller's exclusive use until `release`; waits at most `acquireTimeout` when all are busy.
    func lease(operation: String) async throws(PostgresError) -> PooledConnection {
        enum Immediate {
            case slot(PooledConnection)
            case wait, closed
        }
        let immediate: Immediate = state.withLock { state in
            if state.isClosed { return .closed }
            if let slot = state.idle.popLast() { return .slot(slot) }
            guard state.all.count < settings.poolSize else { return .wait }
            let slot = PooledConnection(index: state.all.count, settings: settings)
            state.all.append(slot)
            return .slot(slot)
        }
        switch immediate {
        case .slot(let slot): return slot
        case .closed: throw closedError(operation)
        case .wait: break
        }
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let timer = Task { [weak self, settings] in
                        try? await Task.sleep(for: settings.acquireTimeout)
                        self?.abandon(
                            id,
                            with: PostgresError(
                                .poolExhausted,
                                "all \(settings.poolSize) connections stayed busy for \(settings.acquireTimeout); raise "
                                    + "poolSize or shorten transactions", operation: operation,
                                server: settings.server))
                    }
                    enqueue(Waiter(id: id, continuation: continuation, timer: timer), operation: operation)
                    // onCancel may have run before the waiter was queued, finding nothing to abandon.
                    if Task.isCancelled {
                        abandon(id, with: cancelledError(operation))
                    }
                }
            } onCancel: {
                abandon(id, with: cancelledError(operation))
            }
        } catch let error as PostgresError {
            throw error
        } catch {
            // Only cancellation reaches here: every other failure is a PostgresError.
            throw cancelledError(operation)
        }
    }

    /// How many callers are waiting for a slot (for tests and diagnostics).
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Returns a slot; the longest waiter gets it, else it goes back to the idle set.
    func release(_ slot: PooledConnection) {
        let waiter: Waiter? = state.withLock { state in
            if state.isClosed { return nil }
            if !state.waiters.isEmpty { return state.waiters.removeFirst() }
            state.idle.append(slot)
            return nil
        }
        if let waiter {
            waiter.timer.cancel()
            waiter.continuation.resume(returning: slot)
        }
    }

    /// Fails every waiter, then closes each slot after its current work; later leases throw `.closed`.
    func close() {
        let (slots, waiters) = state.withLock { state in
            state.isClosed = true
            defer {
                state.waiters.removeAll()
                state.idle.removeAll()
            }
            return (state.all, state.waiters)
        }
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: closedError("wait for a connection"))
        }
        slots.forEach { $0.close() }
    }

    private func enqueue(_ waiter: Waiter, operation: String) {
        // A slot may have come back, or the pool closed, between the first check and now.
        enum Outcome {
            case queued
            case slot(PooledConnection)
            case closed
        }
        let outcome: Outcome = state.withLock { state in
            if state.isClosed { return .closed }
            if let slot = state.idle.popLast() { return .slot(slot) }
            state.waiters.append(waiter)
            return .queued
        }
        switch outcome {
        case .queued: break
        case .slot(let slot):
            waiter.timer.cancel()
            waiter.continuation.resume(returning: slot)
        case .closed:
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: closedError(operation))
        }
    }

    private func abandon(_ id: Int, with error: PostgresError) {
        let waiter: Waiter? = state.withLock { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        if let waiter {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: error)
        }
    }

    private func cancelledError(_ operation: String) -> PostgresError {
        PostgresError(.cancelled, "the task was cancelled while waiting for a connection", operation: operation)
    }

    private func closedError(_ operation: String) -> PostgresError {
        PostgresError(
            .closed, "the client was closed; make a new PostgresClient", operation: operation,
            server: settings.server)
    }
}
