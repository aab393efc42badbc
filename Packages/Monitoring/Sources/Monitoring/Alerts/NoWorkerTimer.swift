/// How long each queue has had ready jobs and no worker, continuously across collections: what the
/// `noWorkers` rule compares with `NO_WORKER_ALERT_MS`. Pure: feed it each sample's
/// ``QueueSample/isWaitingWithoutWorkers`` and the collection time. Not thread-safe on its own (a value type
/// owned by the monitor actor).
public struct NoWorkerTimer: Sendable {
    private var since: [String: Int64] = [:]

    /// Creates a timer with no queue waiting.
    public init() {}

    /// Records `queue`'s state at `nowMs` (ms since 1970) and returns how long, in ms, it has had ready jobs and
    /// no worker; nil when it has not, or when the workers are unknown (`waitingWithoutWorkers` nil): a reading
    /// that could not see the workers proves nothing either way, so it leaves the timer as it was.
    public mutating func update(queue: String, waitingWithoutWorkers: Bool?, nowMs: Int64) -> Int64? {
        switch waitingWithoutWorkers {
        case nil:
            return nil
        case false?:
            since[queue] = nil
            return nil
        case true?:
            let start = since[queue] ?? nowMs
            since[queue] = start
            return max(nowMs - start, 0)
        }
    }

    /// Forgets `queue` (no longer monitored).
    public mutating func forget(queue: String) { since[queue] = nil }
}
