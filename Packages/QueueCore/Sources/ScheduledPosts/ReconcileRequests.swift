import Synchronization

/// Asks a running ``Reconciler`` for a pass soon instead of at its next interval: the scheduler calls
/// ``request()`` when a post was stored but its job could not be added (Redis down), so the post is enqueued
/// within seconds of Redis answering again rather than minutes later.
///
/// Threading: a `Mutex` inside; any thread may request, the reconciler's loop takes.
public final class ReconcileRequests: Sendable {
    private let pending = Mutex(false)

    /// Creates a signal with nothing requested.
    public init() {}

    /// Asks for a pass soon (requests before the pass runs count as one).
    public func request() { pending.withLock { $0 = true } }

    /// True when a pass was requested since the last ``take()``.
    public var isPending: Bool { pending.withLock { $0 } }

    /// Returns whether a pass was requested and clears the request.
    func take() -> Bool {
        pending.withLock { requested in
            defer { requested = false }
            return requested
        }
    }
}
