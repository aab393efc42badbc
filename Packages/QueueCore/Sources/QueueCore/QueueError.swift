import Essentials

/// The one error type of the queue engine: a code to switch on and a message that says what to do.
///
/// Messages name the queue, job id or script, never job data or connection secrets.
public typealias QueueError = CodedError<QueueErrorCode>

/// What went wrong in the queue engine (`QueueError.Code`).
public enum QueueErrorCode: String, ErrorCode {
    /// Text that must be JSON (job data, options, a return value) is not.
    case invalidJSON
    /// A job option or configuration value is out of range.
    case invalidOption
    /// The job does not exist (script code -1).
    case jobNotFound
    /// The job's lock is missing or held by another worker (script codes -2 and -6).
    case lockLost
    /// The job is not in the state the operation needs (script code -3).
    case wrongState
    /// The queue must be paused first, or has active jobs (obliterate).
    case notPaused
    /// A flow parent cannot complete: some of its children have not finished (script code -4).
    case pendingDependencies
    /// A flow parent cannot complete: a child with `failParentOnFailure` failed (script code -9).
    case failedChildren
    /// A job with that id already exists (a flow refuses to add over it).
    case jobExists
    /// A script or Redis returned something this engine did not expect.
    case unexpectedReply

    /// `QueueError`.
    public static let errorType = "QueueError"
}
