/// Reads `INFO` replies: the one parser of their text for every package.
public enum RedisInfo {
    /// The fields of an `INFO` reply (`key:value` lines; `#` section headers and blank lines skipped).
    public static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return result
    }
}

/// A Redis server version (`redis_version` of `INFO server`), ordered by major, minor, patch.
public struct RedisServerVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The version numbers.
    public let major: Int, minor: Int, patch: Int

    /// Creates a version from its numbers.
    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `7.0.8`-style text (a missing patch counts as 0); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), let major = parts[0], let minor = parts[1] else { return nil }
        let patch = parts.count == 3 ? parts[2] : 0
        guard let patch, major >= 0, minor >= 0, patch >= 0 else { return nil }
        self.init(major, minor, patch)
    }

    /// The version of the server a connection reached, from `INFO server`; nil when the reply has none.
    public static func of(_ connection: RedisConnection) async throws -> RedisServerVersion? {
        let info = RedisInfo.fields(try await connection.send(["INFO", "server"]).string ?? "")
        return info["redis_version"].flatMap(RedisServerVersion.init)
    }

    public static func < (left: Self, right: Self) -> Bool {
        (left.major, left.minor, left.patch) < (right.major, right.minor, right.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }
}
