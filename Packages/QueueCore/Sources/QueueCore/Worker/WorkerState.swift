import Synchronization

/// The mutable state of a worker, behind one lock: the jobs it holds, the number of running chains, and
/// whether it is closing.
final class WorkerState: Sendable {
    struct Held: Sendable {
        var token: String
        var lockLost: Bool
        /// Cancels the job's running processor (set while it runs).
        var cancelProcessor: (@Sendable () -> Void)?
    }

    struct Values: Sendable {
        var held: [String: Held] = [:]
        var running = 0
        var closing = false
        var tokenCounter = 0
        var slotWaiter: CheckedContinuation<Void, Never>?
    }

    let values = Mutex(Values())

    func nextToken(workerId: String) -> String {
        values.withLock {
            $0.tokenCounter += 1
            return "\(workerId):\($0.tokenCounter)"
        }
    }

    var isClosing: Bool { values.withLock { $0.closing } }

    func hold(_ id: String, token: String) {
        values.withLock { $0.held[id] = Held(token: token, lockLost: false, cancelProcessor: nil) }
    }

    /// Registers how to cancel job `id`'s running processor (nil once it has ended).
    func setCancelProcessor(_ id: String, _ cancel: (@Sendable () -> Void)?) {
        values.withLock { $0.held[id]?.cancelProcessor = cancel }
    }

    /// Forgets a job (it finished, or its finish failed).
    func release(_ id: String) { _ = values.withLock { $0.held.removeValue(forKey: id) } }

    /// Stops renewing the locks of `ids` and cancels their running processors (their results would be refused).
    func markLost(_ ids: [String]) {
        let cancels = values.withLock { state in
            ids.compactMap { id -> (@Sendable () -> Void)? in
                state.held[id]?.lockLost = true
                return state.held[id]?.cancelProcessor
            }
        }
        for cancel in cancels { cancel() }
    }

    func heldPairs() -> [(String, String)] {
        values.withLock { $0.held.filter { !$0.value.lockLost }.map { ($0.key, $0.value.token) } }
    }

    func chainStarted() { values.withLock { $0.running += 1 } }

    func chainEnded() {
        let waiter = values.withLock { state -> CheckedContinuation<Void, Never>? in
            state.running -= 1
            defer { state.slotWaiter = nil }
            return state.slotWaiter
        }
        waiter?.resume()
    }

    /// Waits until fewer than `limit` chains run (returns at once if so already).
    func waitForSlot(limit: Int) async {
        while values.withLock({ $0.running >= limit }) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = values.withLock { state -> Bool in
                    if state.running < limit { return true }
                    state.slotWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    var running: Int { values.withLock { $0.running } }
}
