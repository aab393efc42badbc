import QueueCore

/// Pure accounting logic: from what was acknowledged, each job's final state and the attempt log, the counts.
public enum Tally {
    /// A job's final state as read from Redis.
    public struct Final: Sendable, Equatable {
        /// The state (`.unknown` when the job is gone).
        public var state: JobState
        /// The failed reason, when failed.
        public var failedReason: String?

        /// Creates a final state.
        public init(state: JobState, failedReason: String? = nil) {
            self.state = state
            self.failedReason = failedReason
        }
    }

    /// The reason QueueCore (like BullMQ) gives a job that stalled past `maxStalledCount`.
    static let stallLimitMarker = "stalled more than allowable limit"

    /// Counts acknowledged, completed, failed, lost, duplicated and unexpected jobs.
    /// - Parameters:
    ///   - acknowledged: job ids whose add was acknowledged.
    ///   - finals: final state per job id (acknowledged ones, plus any other found in the queue).
    ///   - records: the attempt log of the queue.
    public static func account(
        acknowledged: [String], finals: [String: Final], records: [AttemptRecord]
    ) -> Accounting {
        var result = Accounting()
        let acked = Set(acknowledged)
        result.acknowledged = acked.count
        for id in acked.sorted() {
            switch finals[id]?.state {
            case .completed?: result.completed += 1
            case .failed?:
                result.failed += 1
                let reason = finals[id]?.failedReason ?? "(no reason)"
                if reason.contains(stallLimitMarker) { result.stallFailures += 1 }
                result.failedReasons[reason, default: 0] += 1
            default: result.lost.append(id)
            }
        }
        var completions: [String: Int] = [:]
        for record in records where record.kind == .completed { completions[record.jobId, default: 0] += 1 }
        result.duplicated = completions.filter { $0.value > 1 }
        let seen = Set(finals.keys).union(records.map(\.jobId))
        result.unexpected = seen.subtracting(acked).sorted()
        return result
    }
}
