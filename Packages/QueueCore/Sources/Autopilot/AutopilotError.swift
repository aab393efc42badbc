import Essentials

/// The one error type of the Autopilot module: bad model parameters, unreadable stored weights.
///
/// Messages say what to do; they never include model weights or user content.
public typealias AutopilotError = CodedError<AutopilotErrorCode>

/// What went wrong in Autopilot (`AutopilotError.Code`).
public enum AutopilotErrorCode: String, ErrorCode {
    /// A parameter is out of range (size, user count, budget); the message names it and the range.
    case invalidParameter
    /// Stored weights do not decode (wrong magic, kind or length); re-seed or retrain the model.
    case corruptModel
    /// Training data is empty or unusable.
    case insufficientData

    /// `AutopilotError`.
    public static let errorType = "AutopilotError"
}
