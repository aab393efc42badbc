/// The one error type of the Autopilot module: bad model parameters, unreadable stored weights.
///
/// Messages say what to do; they never include model weights or user content.
public struct AutopilotError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name, e.g. `invalidParameter`.
        public var description: String { name }

        /// A parameter is out of range (size, user count, budget); the message names it and the range.
        public static let invalidParameter = Code("invalidParameter")
        /// Stored weights do not decode (wrong magic, kind or length); re-seed or retrain the model.
        public static let corruptModel = Code("corruptModel")
        /// Training data is empty or unusable.
        public static let insufficientData = Code("insufficientData")
    }

    /// The kind of failure.
    public let code: Code
    /// A human message that says what to do.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `Autopilot <code>: <message>`.
    public var description: String { "Autopilot \(code): \(message)" }
}
