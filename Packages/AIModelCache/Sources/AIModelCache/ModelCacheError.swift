/// The one error type of AIModelCache; `code` says what went wrong, `message` what to do.
///
/// Messages name the cache and the setting, never a model's contents. A failing loader's own error
/// reaches the callers unchanged; this type covers the cache's own failures.
public struct ModelCacheError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case invalidConfiguration, loadTimedOut }
        private let value: Value

        /// A configuration value is impossible (zero capacity, a non-positive timeout, ...).
        public static let invalidConfiguration = Code(value: .invalidConfiguration)
        /// A load did not finish within the configured load timeout.
        public static let loadTimedOut = Code(value: .loadTimedOut)

        /// The code's name.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and what to do about it.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code): \(message)" }
}
