import QueueCore

/// Pure accounting logic: from what was acknowledged, each job's final state (Redis) and the attempt log
/// (Postgres), the counts.
enum Tally {
    /// A job's final state as read from Redis.
    struct Final: Sendable, Equatable {
        /// The state (`.unknown` when the job is gone).
        var state: JobState
        /// The failed reason, when failed.
        var failedReason: String?

        /// Creates a final state.
        init(state: JobState, failedReason: String? = nil) {
            self.state = state
            self.failedReason = failedReason
        }
    }

    /// The reason QueueCore (like BullMQ) gives a job that stalled past `maxStalledCount`.
    static let stallLimitMarker = "stalled more than allowable limit"

    /// Counts acknowledged, completed, failed, lost, phantom, duplicated and unexpected jobs.
    /// - Parameters:
    ///   - acknowledged: job ids whose add was acknowledged.
    ///   - inDoubt: job ids whose add threw (Redis died mid-add): each may or may not exist, so finding one is
    ///     not unexpected and missing one is not lost. Default none.
    ///   - finals: final state per job id from Redis (acknowledged ones, plus any other found in the queue).
    ///   - records: the attempt log of the queue.
    static func account(
        acknowledged: [String], inDoubt: [String] = [], finals: [String: Final], records: [AttemptRecord]
    ) -> Accounting {
        var result = Accounting()
        let acked = Set(acknowledged)
        result.acknowledged = acked.count
        var completions: [String: Int] = [:]
        for record in records where record.kind == .completed { completions[record.jobId, default: 0] += 1 }
        for id in acked.sorted() {
            switch finals[id]?.state {
            case .completed?:
                result.completed += 1
                if completions[id] == nil { result.phantom.append(id) }
            case .failed?:
                result.failed += 1
                let reason = finals[id]?.failedReason ?? "(no reason)"
                if reason.contains(stallLimitMarker) { result.stallFailures += 1 }
                result.failedReasons[reason, default: 0] += 1
                if completions[id] != nil { result.completedThenFailed.append(id) }
            default: result.lost.append(id)
            }
        }
        result.duplicated = completions.filter { $0.value > 1 }
        let seen = Set(finals.keys).union(records.map(\.jobId))
        result.unexpected = seen.subtracting(acked).subtracting(inDoubt).sorted()
        result.inDoubtFound = seen.intersection(inDoubt).subtracting(acked).sorted()
        return result
    }
}
