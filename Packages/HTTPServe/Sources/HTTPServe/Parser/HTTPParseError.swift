/// Why a request could not be parsed, and the status the server answers with before closing.
///
/// Every parse error closes the connection: after malformed framing the server cannot know where the
/// next request starts (the root of request smuggling).
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status to answer with: 400, 413, 414, 417, 431, 501 or 505.
    public let status: Int
    /// A short, client-safe reason ("duplicate Content-Length"); never echoes request bytes.
    public let reason: String

    /// Creates an error with its response status and a client-safe reason.
    public init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }

    /// `status: reason`, safe to log.
    public var description: String { "\(status): \(reason)" }

    static func badRequest(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason: reason) }
}
