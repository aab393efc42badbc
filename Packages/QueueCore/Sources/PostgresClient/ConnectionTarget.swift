import Essentials
import Foundation

/// Where a connection string points, parsed only to name the server in errors (libpq gets the string as given).
///
/// Understands URLs (`postgres://` and `postgresql://`, several hosts, IPv6 in brackets, a percent-encoded
/// socket directory as host, `host`/`port`/`dbname`/`user` query overrides) and libpq `key=value` strings
/// (single-quoted values with backslash escapes). The password is parsed over and never kept.
struct ConnectionTarget: Equatable, Sendable {
    /// Host names, addresses or socket directories; empty means libpq's default socket directory.
    var hosts: [String] = []
    /// Ports as written, one per host or one for all; empty means 5432.
    var ports: [String] = []
    /// The database name, if the string names one (libpq defaults it to the user name).
    var database: String?
    /// The user name, if given.
    var user: String?

    /// The address for messages: `host:port`, `[v6]:port` or `unix:/dir/.s.PGSQL.port`, comma-separated.
    var address: String {
        let hosts = self.hosts.isEmpty ? ["/var/run/postgresql"] : self.hosts
        return hosts.enumerated().map { index, host in
            let port = ports.isEmpty ? "5432" : (ports.count == hosts.count ? ports[index] : ports[0])
            if host.hasPrefix("/") { return "unix:\(host)/.s.PGSQL.\(port)" }
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }.joined(separator: ",")
    }

    /// Parses `string`; nil when it is neither a postgres URL nor a key=value string.
    static func parse(_ string: String) -> ConnectionTarget? {
        for scheme in ["postgres://", "postgresql://"] where string.hasPrefix(scheme) {
            return parseURL(Substring(string.dropFirst(scheme.count)))
        }
        return parseKeyValue(string)
    }

    private static func parseURL(_ rest: Substring) -> ConnectionTarget? {
        var target = ConnectionTarget()
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            let user = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
            target.user = user.isEmpty ? nil : percentDecoded(user)
            authority = authority[authority.index(after: at)...]
        }
        for hostPort in authority.split(separator: ",") {
            guard let (host, port) = splitHostPort(hostPort) else { return nil }
            if !host.isEmpty { target.hosts.append(host) }
            if let port { target.ports.append(port) }
        }
        var tail = rest[authorityEnd...]
        if tail.hasPrefix("/") {
            let pathEnd = tail.firstIndex(of: "?") ?? tail.endIndex
            let path = tail[tail.index(after: tail.startIndex)..<pathEnd]
            if !path.isEmpty { target.database = percentDecoded(path) }
            tail = tail[pathEnd...]
        }
        if tail.hasPrefix("?") {
            for pair in tail.dropFirst().split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { return nil }
                target.apply(key: percentDecoded(parts[0]), value: percentDecoded(parts[1]))
            }
        }
        return target
    }

    private static func splitHostPort(_ text: Substring) -> (String, String?)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { return nil }
            return (host, String(after.dropFirst()))
        }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let host = percentDecoded(parts[0])
        return (host, parts.count == 2 ? String(parts[1]) : nil)
    }

    private static func parseKeyValue(_ string: String) -> ConnectionTarget? {
        var target = ConnectionTarget()
        var chars = Substring(string)
        var sawPair = false
        while true {
            chars = chars.drop(while: \.isWhitespace)
            if chars.isEmpty { break }
            let keyEnd = chars.firstIndex(where: { $0 == "=" || $0.isWhitespace }) ?? chars.endIndex
            let key = String(chars[..<keyEnd])
            chars = chars[keyEnd...].drop(while: \.isWhitespace)
            guard !key.isEmpty, chars.first == "=" else { return nil }
            chars = chars.dropFirst().drop(while: \.isWhitespace)
            var value = ""
            if chars.first == "'" {
                chars = chars.dropFirst()
                var closed = false
                while let character = chars.first {
                    chars = chars.dropFirst()
                    if character == "\\", let escaped = chars.first {
                        value.append(escaped)
                        chars = chars.dropFirst()
                    } else if character == "'" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { return nil }
            } else {
                while let character = chars.first, !character.isWhitespace {
                    chars = chars.dropFirst()
                    if character == "\\", let escaped = chars.first {
                        value.append(escaped)
                        chars = chars.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
            }
            target.apply(key: key, value: value)
            sawPair = true
        }
        return sawPair ? target : nil
    }

    private mutating func apply(key: String, value: String) {
        switch key {
        case "host", "hostaddr":
            // libpq connects to hostaddr when both are given; either names the server well enough.
            hosts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case "port": ports = value.split(separator: ",").map(String.init)
        case "dbname": database = value
        case "user": user = value
        default: break
        }
    }

    private static func percentDecoded(_ text: Substring) -> String {
        PercentEscapes.decoded(text) ?? String(text)
    }
}
