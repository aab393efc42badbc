/// An HTTP protocol version such as 1.1.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version (1).
    public let major: Int
    /// The minor version (0 or 1).
    public let minor: Int

    /// Creates a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0.
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// `HTTP/1.1` form.
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// The request line and header fields of a request, validated by `HTTPRequestParser`.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token exactly as sent (methods are case-sensitive: `GET`, not `get`).
    public var method: String
    /// The request target as sent: origin form (`/path?query`), absolute form, or `*`.
    public var target: String
    /// The protocol version (1.0 or 1.1; others are refused by the parser with 505).
    public var version: HTTPVersion
    /// The header fields in order.
    public var headers: HTTPHeaders
    /// Whether the connection stays open after this request (`Connection` and the version decide).
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue`.
    public var expectsContinue: Bool

    /// Creates a head; the parser is the usual source.
    public init(
        method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        keepAlive: Bool = true, expectsContinue: Bool = false
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }
}

/// A complete request as parsed: head and de-chunked body.
public struct ParsedRequest: Sendable, Equatable {
    /// The request line and headers.
    public var head: HTTPRequestHead
    /// The body bytes (empty when there is none); chunked bodies arrive de-chunked, trailers dropped.
    public var body: [UInt8]
}
