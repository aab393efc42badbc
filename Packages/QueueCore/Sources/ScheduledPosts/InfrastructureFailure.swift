import Foundation
import PostgresClient
import QueueCore

/// The failures that are not a post's fault: the database or the publisher's endpoint cannot be reached
/// (or is overloaded). A post must not spend one of its attempts on them: its job waits and tries again.
public enum InfrastructureFailure {
    /// How long after its due time a post keeps waiting out infrastructure failures before they count as
    /// attempts again (so an outage longer than this still ends with the post failed, not waiting forever).
    public static let patience: Duration = .seconds(24 * 3600)
    /// The longest wait between two tries: a post is retried at most this long after the outage ends.
    public static let longestWait: Duration = .seconds(10)

    /// Whether `error` says the database or the publisher is unreachable, not that the post is wrong.
    public static func isInfrastructure(_ error: any Error) -> Bool {
        switch error {
        case let error as PostgresError:
            if [.connectionFailed, .connectionLost, .timeout, .poolExhausted].contains(error.code) { return true }
            // SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up).
            guard error.code == .server, let state = error.sqlState else { return false }
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        case let error as ScheduledPostsError:
            return error.code == .publisherUnavailable
        default:
            return false
        }
    }

    /// The wait before the next try of `job` after an infrastructure failure: 0.5 s doubling with each try
    /// (`attemptsStarted`), at most ``longestWait``; nil once the post's due time is ``patience`` behind
    /// `now` (the failure then counts as an attempt).
    static func retryDelay(for job: Job, now: Date) -> Duration? {
        let dueMs = job.timestamp + Int64(job.options.delay)
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        guard nowMs - dueMs < patience.components.seconds * 1000 else { return nil }
        let exponent = min(max(job.attemptsStarted - 1, 0), 10)
        return min(.milliseconds(500 * (1 << exponent)), longestWait)
    }
}
