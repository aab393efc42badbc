/// The parts of an `http://` URL the client needs.
struct ClientURL: Sendable, Equatable {
    var host: String
    var port: Int
    /// Path and query, at least `/`.
    var target: String

    /// Parses `http://host[:port][/path][?query]`; `https` is refused (no TLS in this package).
    init(_ text: String) throws {
        func invalid(_ why: String) -> HTTPServeError {
            HTTPServeError(.invalidURL, "cannot use URL \(text.prefix(200)): \(why)")
        }
        guard text.hasPrefix("http://") else {
            throw invalid(
                text.hasPrefix("https://") ? "https is not supported; use http" : "it must start with http://")
        }
        let rest = text.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty { target = "/" } else if target.first == "?" { target = "/" + target }
        guard !authority.isEmpty, !authority.contains("@") else { throw invalid("missing or unsupported host") }
        if let colon = authority.lastIndex(of: ":") {
            guard let port = Int(authority[authority.index(after: colon)...]), (1...65535).contains(port) else {
                throw invalid("invalid port")
            }
            self.host = String(authority[..<colon])
            self.port = port
        } else {
            self.host = String(authority)
            self.port = 80
        }
        guard !host.isEmpty, target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw invalid("the path must be percent-encoded ASCII without spaces")
        }
        self.target = target
    }
}
