import Essentials
import Synchronization

/// Holds back jobs beyond `--max-jobs`: the first `limit` processors run at once; later ones (jobs the
/// worker fetched before it stopped fetching) wait until ``open()`` — called once the worker has stopped
/// fetching, as its graceful close begins — and then run to completion, because a graceful close never
/// abandons a job. So at most `limit + concurrency` attempts finish, and the extra ones start only after
/// the stop.
final class StartGate: Sendable {
    private let limit: Int?
    private let started = Mutex(0)
    private let latch = Latch()

    /// A gate that lets `limit` processors through at once (nil: all of them).
    init(limit: Int?) {
        self.limit = limit
    }

    /// Returns at once for the first `limit` calls, else after ``open()``.
    func enter() async {
        guard let limit else { return }
        let position = started.withLock { started in
            started += 1
            return started
        }
        if position > limit { await latch.wait() }
    }

    /// Processors waiting for ``open()`` now.
    var held: Int { latch.waiting }

    /// Lets every waiting and later processor through.
    func open() { latch.open() }
}
