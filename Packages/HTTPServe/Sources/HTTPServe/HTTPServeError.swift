/// The one error type of HTTPServe: server start-up, client calls, and errors handlers throw on purpose.
///
/// Messages say what to do and name the address; they never contain request or response bodies.
/// A handler throws `HTTPServeError.response(status:code:message:)` to answer with a JSON error; any
/// other thrown error becomes a 500 whose body reveals nothing about it.
public struct HTTPServeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name, such as `bindFailed`.
        public let name: String

        /// The configuration is impossible (`validate()` names the field).
        public static let invalidConfiguration = Code(name: "invalidConfiguration")
        /// The listening socket could not be created or bound (port in use, permission).
        public static let bindFailed = Code(name: "bindFailed")
        /// The server is not in a state that allows the call (started twice, stopped).
        public static let invalidState = Code(name: "invalidState")
        /// A handler asked for this HTTP error response; `status` is set.
        public static let response = Code(name: "response")
        /// The client could not parse the URL it was given.
        public static let invalidURL = Code(name: "invalidURL")
        /// The client could not connect (refused, unreachable, name not resolved).
        public static let connectFailed = Code(name: "connectFailed")
        /// A client connect, send or receive exceeded its timeout.
        public static let timedOut = Code(name: "timedOut")
        /// The peer closed the connection before a complete response.
        public static let connectionClosed = Code(name: "connectionClosed")
        /// The peer's response was not valid HTTP/1.1 or exceeded the client's limits.
        public static let malformedResponse = Code(name: "malformedResponse")

        /// The stable name.
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened and what to do, naming the address or route; safe to log.
    public let message: String
    /// For `.response`: the HTTP status to answer with.
    public let status: Int?
    /// For `.response`: the machine-readable code in the JSON error body (`"not_found"`).
    public let errorCode: String?

    /// Creates an error of `code` with a message that says what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        self.status = nil
        self.errorCode = nil
    }

    private init(status: Int, errorCode: String, message: String) {
        self.code = .response
        self.message = message
        self.status = status
        self.errorCode = errorCode
    }

    /// An error a handler throws to answer `status` with `{"error":{"code":…,"message":…}}`.
    ///
    /// The message is sent to the client: keep secrets and internals out of it.
    public static func response(status: Int, code: String, message: String) -> HTTPServeError {
        HTTPServeError(status: status, errorCode: code, message: message)
    }

    /// The code (or HTTP status) and message, safe to log.
    public var description: String {
        if let status { return "HTTP \(status) \(errorCode ?? ""): \(message)" }
        return "\(code): \(message)"
    }
}
