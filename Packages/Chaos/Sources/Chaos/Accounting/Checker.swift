import Essentials
import QueueCore

/// Waits until a queue has settled, then accounts for every acknowledged job: job states from Redis, whether
/// each processor ran to its end from the attempt log.
///
/// It never calls the queue's `drain()` (which deletes jobs): it only reads. Threading: async, no threads.
struct Checker: Sendable {
    /// The queue under test.
    let queue: Queue
    /// Its attempt log.
    let log: AttemptLog

    /// Creates a checker.
    init(queue: Queue, log: AttemptLog) {
        self.queue = queue
        self.log = log
    }

    /// Polls until nothing is waiting, prioritized, delayed or active, or throws `timedOut` after `timeout`.
    func settle(timeout: Duration) async throws {
        try await Deadline.require("queue \(queue.name) settling", timeout: timeout, interval: .milliseconds(200)) {
            let counts = try await queue.counts()
            let open: [JobState] = [.waiting, .prioritized, .delayed, .active, .paused]
            return open.allSatisfy { (counts[$0] ?? 0) == 0 }
        }
    }

    /// Reads every job's final state (Redis) and the attempt log (Postgres), and tallies them; `inDoubt` are
    /// the ids of adds that threw (see `Tally.account`).
    func check(acknowledged: [String], inDoubt: [String] = []) async throws -> Accounting {
        var finals: [String: Tally.Final] = [:]
        for state in [JobState.completed, .failed] {
            for job in try await queue.jobs(in: state, range: 0...99_999) {
                finals[job.id] = Tally.Final(state: state, failedReason: job.failedReason)
            }
        }
        for id in acknowledged where finals[id] == nil {
            finals[id] = Tally.Final(state: try await queue.state(of: id))
        }
        let records = try await log.records(queue: queue.name)
        return Tally.account(acknowledged: acknowledged, inDoubt: inDoubt, finals: finals, records: records)
    }
}
