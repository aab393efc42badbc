import CommandLineArguments
import Synchronization

/// Runs `operation` but returns (throwing ``MonitoringError/Code/timedOut``) once `timeout` passes,
/// without waiting for an operation that ignores cancellation; the operation is cancelled and left to
/// finish on its own (RedisClient calls end at their own command timeout).
func withDeadline<T: Sendable>(
    _ timeout: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let race = DeadlineRace<T>()
    return try await withCheckedThrowingContinuation { continuation in
        race.arm(continuation)
        let work = Task { race.finish(await Result(catching: operation)) }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            race.finish(
                .failure(MonitoringError(.timedOut, "\(what) did not finish within \(DurationText.format(timeout))")))
        }
        race.track([work, timer])
    }
}

/// The first of two results wins; the loser's task is cancelled.
private final class DeadlineRace<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var tasks: [Task<Void, Never>] = []
        var finished = false
    }
    private let state = Mutex(State())

    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        state.withLock { $0.continuation = continuation }
    }

    func track(_ tasks: [Task<Void, Never>]) {
        // A task may have finished before the list was stored: then cancel the other at once.
        let alreadyFinished = state.withLock { state in
            state.tasks = tasks
            return state.finished
        }
        if alreadyFinished { tasks.forEach { $0.cancel() } }
    }

    func finish(_ result: Result<T, any Error>) {
        let (continuation, tasks) = state.withLock { state in
            defer {
                state.continuation = nil
                state.finished = true
            }
            return (state.finished ? nil : state.continuation, state.tasks)
        }
        guard let continuation else { return }
        continuation.resume(with: result)
        tasks.forEach { $0.cancel() }
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing body.
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
