import Essentials

/// The one error type of the Chaos package: a code to match on and a message that says what to do.
///
/// Messages name addresses, commands and pids, never passwords or job payloads.
public typealias ChaosError = CodedError<ChaosErrorCode>

/// What went wrong in Chaos (`ChaosError.Code`), for callers that branch on it.
public enum ChaosErrorCode: String, ErrorCode {
    /// A process could not be started (binary missing, spawn failed).
    case spawnFailed
    /// A process or service did not become ready in time.
    case notReady
    /// A bounded wait ran out.
    case timedOut
    /// A signal could not be delivered, or the process did not end as the signal should have ended it.
    case signalFailed
    /// A socket call failed (proxy).
    case socket
    /// A scenario's precondition or check failed in a way that is not a verdict (set-up broke).
    case setup
    /// Bad command-line or configuration value.
    case invalidOption

    /// `ChaosError`.
    public static let errorType = "ChaosError"
}
