import Foundation

/// One row of the attempt log: a worker started a job's attempt, or the processor ran to its end.
public struct AttemptRecord: Sendable, Codable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// The processor was entered.
        case started
        /// The processor reached its end (the side effect happened), just before returning.
        case completed
    }

    /// The queue name.
    public var queue: String
    /// The job id.
    public var jobId: String
    /// The attempt number (the job's `attemptsStarted`, from 1).
    public var attempt: Int
    /// The worker process's pid.
    public var pid: Int32
    /// What happened.
    public var kind: Kind
    /// When, by the worker's wall clock.
    public var at: Date

    /// Creates a record.
    public init(queue: String, jobId: String, attempt: Int, pid: Int32, kind: Kind, at: Date = Date()) {
        self.queue = queue
        self.jobId = jobId
        self.attempt = attempt
        self.pid = pid
        self.kind = kind
        self.at = at
    }
}
