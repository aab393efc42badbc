import Essentials

/// The one error type of AIModelCache; `code` says what went wrong, `message` what to do.
///
/// Messages name the cache and the setting, never a model's contents. A failing loader's own error
/// reaches the callers unchanged; this type covers the cache's own failures.
public typealias ModelCacheError = CodedError<ModelCacheErrorCode>

/// What went wrong in the cache (`ModelCacheError.Code`).
public enum ModelCacheErrorCode: String, ErrorCode {
    /// A configuration value is impossible (zero capacity, a non-positive timeout, ...).
    case invalidConfiguration
    /// A load did not finish within the configured load timeout.
    case loadTimedOut

    /// `ModelCacheError`.
    public static let errorType = "ModelCacheError"
}
