import Essentials

/// The parts of a Redis URL; pure parsing, no I/O (see `RedisConfiguration` for the accepted forms).
struct RedisURL: Equatable {
    var endpoint: RedisConfiguration.Endpoint
    var username: String?
    var password: String?
    var database: Int

    static func parse(_ url: String) throws -> RedisURL {
        func invalid(_ message: String) -> RedisError { RedisError(.invalidConfiguration, message) }
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw invalid("'\(redacted(url))' is not a Redis URL: use redis://[[user]:password@]host[:port][/db]")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = Substring(url[schemeEnd.upperBound...])
        switch scheme {
        case "redis": break
        case "unix": return try parseUnix(rest)
        case "rediss":
            throw invalid(
                "rediss:// (TLS) is not supported: hiredis 0.14 has no TLS; use redis:// on a trusted network or a TLS tunnel"
            )
        default:
            throw invalid("unsupported URL scheme '\(scheme)://': use redis://host:port or unix:///path")
        }
        var result = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: 6379), database: 0)
        if let at = rest.lastIndex(of: "@") {
            let userinfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                let user = try decode(userinfo[..<colon], what: "user name")
                result.username = user.isEmpty ? nil : user
                result.password = try decode(userinfo[userinfo.index(after: colon)...], what: "password")
            } else {
                // `redis://secret@host` carries a password only, as redis-cli reads it.
                result.password = try decode(userinfo, what: "password")
            }
            if result.password?.isEmpty == true { result.password = nil }
        }
        if rest.contains("?") || rest.contains("#") {
            throw invalid("query and fragment are not supported in a Redis URL: use redis://host:port/db")
        }
        var hostPort = rest
        if let slash = rest.firstIndex(of: "/") {
            hostPort = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty {
                guard let database = Int(path) else {
                    throw invalid("the database in a Redis URL must be a number (redis://host:port/0), not '\(path)'")
                }
                result.database = database
            }
        }
        var host = Substring("127.0.0.1")
        var port = 6379
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw invalid("unclosed '[' in the Redis host: write IPv6 addresses as redis://[::1]:6379")
            }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = Int(after.dropFirst()) else {
                    throw invalid("the port in a Redis URL must be a number, not '\(after.dropFirst())'")
                }
                port = value
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            let portText = hostPort[hostPort.index(after: colon)...]
            guard let value = Int(portText) else {
                throw invalid("the port in a Redis URL must be a number, not '\(portText)'")
            }
            port = value
            if colon != hostPort.startIndex { host = hostPort[..<colon] }
        } else if !hostPort.isEmpty {
            host = hostPort
        }
        result.endpoint = .tcp(host: String(host), port: port)
        return result
    }

    private static func parseUnix(_ rest: Substring) throws -> RedisURL {
        var path = rest
        var database = 0
        if let question = rest.firstIndex(of: "?") {
            path = rest[..<question]
            let query = rest[rest.index(after: question)...]
            guard query.hasPrefix("db="), let value = Int(query.dropFirst(3)) else {
                throw RedisError(
                    .invalidConfiguration, "the only query a unix:// Redis URL takes is ?db=N, not '?\(query)'")
            }
            database = value
        }
        guard path.hasPrefix("/") else {
            throw RedisError(.invalidConfiguration, "a unix socket URL needs an absolute path: unix:///run/redis.sock")
        }
        return RedisURL(endpoint: .unix(path: String(path)), database: database)
    }

    private static func decode(_ text: Substring, what: String) throws -> String {
        guard let decoded = PercentEscapes.decoded(text) else {
            throw RedisError(.invalidConfiguration, "the \(what) in the Redis URL has invalid percent-encoding")
        }
        return decoded
    }

    /// The URL with anything between `://` and `@` hidden, for messages.
    static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        guard let start = url.firstRange(of: "://"), at > start.upperBound else { return "***" + url[at...] }
        return url[..<start.upperBound] + "***" + url[at...]
    }
}
