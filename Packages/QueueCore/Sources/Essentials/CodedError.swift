/// The codes of one error type: each package's own kinds of failure, and the name its errors print.
///
/// A package declares its codes as an enum with `String` raw values (the raw value is the code's name) and
/// names its error type `CodedError<ItsCode>`.
public protocol ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The error type's name, the first word of every description, e.g. `QueueError`.
    static var errorType: String { get }
}

extension ErrorCode where Self: RawRepresentable, RawValue == String {
    /// The code's name, e.g. `jobNotFound`.
    public var description: String { rawValue }
}

/// The one shape of a package's error: a code to branch on and a message that says what to do.
///
/// `QueueError`, `AutopilotError`, `MonitoringError`, `ChaosError` and `ModelCacheError` are this type with
/// their own codes. Messages name the setting, address or id involved, never secrets or payloads.
public struct CodedError<Kind: ErrorCode>: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure of this error type (`QueueError.Code`).
    public typealias Code = Kind

    /// What went wrong.
    public let code: Code
    /// What happened and what to do about it.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `<type>.<code>: <message>`, e.g. `QueueError.jobNotFound: job 7 does not exist`.
    public var description: String { "\(Kind.errorType).\(code): \(message)" }
}
