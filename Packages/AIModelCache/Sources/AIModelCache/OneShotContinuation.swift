/// A continuation that the first of several racers resumes; later attempts are ignored.
final class OneShotContinuation<Value: Sendable>: Sendable {
    private let continuation = StateLock<CheckedContinuation<Value, any Error>?>(nil)

    /// Stores the continuation; call once, before any racer can resume.
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Resumes with `result` if nobody has yet; returns whether this call did.
    @discardableResult
    func resume(with result: Result<Value, any Error>) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
