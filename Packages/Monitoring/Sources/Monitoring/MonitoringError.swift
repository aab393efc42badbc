/// The one error type of Monitoring; `code` says what went wrong, `message` what to do.
///
/// Messages name the variable, flag, file or Redis address involved, never a token or a job's payload.
public struct MonitoringError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String { case invalidConfiguration, collectionFailed, timedOut }
        private let value: Value

        /// A setting does not parse or is out of range; the message names it and its value.
        public static let invalidConfiguration = Code(value: .invalidConfiguration)
        /// A collection from Redis failed (connection refused, reply malformed, ...).
        public static let collectionFailed = Code(value: .collectionFailed)
        /// A bounded wait ran out (connect, command, collection).
        public static let timedOut = Code(value: .timedOut)

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
