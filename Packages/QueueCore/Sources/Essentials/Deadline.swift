import Synchronization

/// Runs `operation`, but returns once `timeout` passes, throwing `expired()` (by default
/// ``DeadlineExpired``), without waiting for an operation that ignores cancellation: the operation is
/// cancelled and left to finish on its own. Cancelling the caller cancels the operation and throws
/// `CancellationError`.
///
/// This is deliberately not a task-group race: a task group waits for every child before it returns, so
/// an operation stuck in a call that ignores cancellation would hold the caller past its deadline.
public func withDeadline<T: Sendable>(
    _ timeout: Duration, expired: (@Sendable () -> any Error)? = nil,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.arm(continuation)
            let work = Task { race.finish(await Result(catching: operation)) }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                race.finish(.failure(expired?() ?? DeadlineExpired(timeout: timeout)))
            }
            race.track([work, timer])
        }
    } onCancel: {
        race.finish(.failure(CancellationError()))
    }
}

/// The time given to ``withDeadline(_:expired:_:)`` ran out.
public struct DeadlineExpired: Error, CustomStringConvertible, Sendable {
    /// The time that was given.
    public let timeout: Duration

    /// An expiry after `timeout`.
    public init(timeout: Duration) { self.timeout = timeout }

    /// `no answer within <timeout>`.
    public var description: String { "no answer within \(timeout)" }
}

/// The first result wins; the tasks still running are cancelled.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var tasks: [Task<Void, Never>] = []
        var result: Result<T, any Error>?
    }
    private let state = Mutex(State())

    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        // Cancelled before the continuation existed: answer at once.
        let early = state.withLock { state in
            if state.result == nil { state.continuation = continuation }
            return state.result
        }
        if let early { continuation.resume(with: early) }
    }

    func track(_ tasks: [Task<Void, Never>]) {
        // A result may have arrived before the list was stored: then cancel the others at once.
        let finished = state.withLock { state in
            state.tasks = tasks
            return state.result != nil
        }
        if finished { tasks.forEach { $0.cancel() } }
    }

    func finish(_ result: Result<T, any Error>) {
        let taken = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>])? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        guard let (continuation, tasks) = taken else { return }
        continuation?.resume(with: result)
        tasks.forEach { $0.cancel() }
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing body.
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
