import Essentials

/// The one error type of Monitoring; `code` says what went wrong, `message` what to do.
///
/// Messages name the variable, flag, file or Redis address involved, never a token or a job's payload.
public typealias MonitoringError = CodedError<MonitoringErrorCode>

/// What went wrong in Monitoring (`MonitoringError.Code`).
public enum MonitoringErrorCode: String, ErrorCode {
    /// A setting does not parse or is out of range; the message names it and its value.
    case invalidConfiguration
    /// A collection from Redis failed (connection refused, reply malformed, ...).
    case collectionFailed
    /// A bounded wait ran out (connect, command, collection).
    case timedOut
    /// A baseline document cannot be read: not JSON, another `schemaVersion`, fields missing.
    case invalidBaseline

    /// `MonitoringError`.
    public static let errorType = "MonitoringError"
}
