import Synchronization

/// Holds back jobs beyond `--max-jobs`: the first `limit` processors run at once; later ones (jobs the
/// worker fetched before it stopped fetching) wait until ``open()`` — called once the worker has stopped
/// fetching, as its graceful close begins — and then run to completion, because a graceful close never
/// abandons a job. So at most `limit + concurrency` attempts finish, and the extra ones start only after
/// the stop.
final class StartGate: Sendable {
    private struct State {
        var started = 0
        var open = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let limit: Int?
    private let state = Mutex(State())

    /// A gate that lets `limit` processors through at once (nil: all of them).
    init(limit: Int?) {
        self.limit = limit
    }

    /// Returns at once for the first `limit` calls, else after ``open()``.
    func enter() async {
        guard let limit else { return }
        let admitted = state.withLock { state in
            state.started += 1
            return state.open || state.started <= limit
        }
        guard !admitted else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Processors waiting for ``open()`` now.
    var held: Int { state.withLock { $0.waiters.count } }

    /// Lets every waiting and later processor through.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
