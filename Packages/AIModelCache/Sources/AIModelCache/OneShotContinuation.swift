/// A continuation that the first of several racers resumes; later attempts are ignored. A result that
/// arrives before the continuation is installed is kept and delivered on installation.
final class OneShotContinuation<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, any Error>)
        case resolved(Result<Value, any Error>)
        case finished
    }

    private let state = StateLock<State>(.empty)

    /// Stores the continuation, or resumes it at once if a result already arrived. Call once.
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let ready = state.withLock { state -> Result<Value, any Error>? in
            switch state {
            case .empty:
                state = .waiting(continuation)
                return nil
            case .resolved(let result):
                state = .finished
                return result
            case .waiting, .finished:
                preconditionFailure("OneShotContinuation.install called twice")
            }
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// Delivers `result` if nobody has yet; returns whether this call won.
    @discardableResult
    func resume(with result: Result<Value, any Error>) -> Bool {
        let (won, continuation) = state.withLock { state -> (Bool, CheckedContinuation<Value, any Error>?) in
            switch state {
            case .empty:
                state = .resolved(result)
                return (true, nil)
            case .waiting(let continuation):
                state = .finished
                return (true, continuation)
            case .resolved, .finished:
                return (false, nil)
            }
        }
        continuation?.resume(with: result)
        return won
    }
}
