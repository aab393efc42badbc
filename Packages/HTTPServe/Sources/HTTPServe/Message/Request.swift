/// A request as a handler sees it: validated head, decoded route parameters and query, and body.
public struct Request: Sendable {
    /// The method token, for example `GET`.
    public let method: String
    /// The request target exactly as sent (`/api/x?y=1`).
    public let target: String
    /// The path part of the target, still percent-encoded (`/api/a%20b`).
    public let path: String
    /// The decoded query parameters.
    public let query: QueryParameters
    /// The protocol version.
    public let version: HTTPVersion
    /// The header fields.
    public let headers: HTTPHeaders
    /// The body bytes (de-chunked; empty when none).
    public let body: [UInt8]
    /// Route parameters by name, percent-decoded; a trailing `*` is stored under `"*"`.
    public internal(set) var parameters: [String: String]
    /// The request id: the client's `X-Request-Id` when it is short and plain, else generated.
    /// It is echoed in the response's `X-Request-Id` and given to the access log.
    public let id: String

    /// Creates a request; the server builds them, tests of handlers may too.
    public init(
        method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], parameters: [String: String] = [:], id: String = "test"
    ) throws {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.parameters = parameters
        self.id = id
        let (path, query) = Self.split(target)
        self.path = path
        self.query = try QueryParameters(parsing: query)
    }

    /// The route parameter `name`, percent-decoded, or `nil` when the route has none by that name.
    public func parameter(_ name: String) -> String? { parameters[name] }

    /// Splits a target into path and query, taking the path out of absolute form (`http://h/p`).
    static func split(_ target: String) -> (path: String, query: Substring) {
        var rest = Substring(target)
        if rest.first != "/", let scheme = rest.range(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            rest = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? "/"
            if rest.first == "?" { rest = "/" + rest }
        }
        guard let mark = rest.firstIndex(of: "?") else { return (String(rest), "") }
        return (String(rest[..<mark]), rest[rest.index(after: mark)...])
    }
}
