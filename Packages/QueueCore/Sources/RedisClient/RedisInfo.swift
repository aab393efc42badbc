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

    /// Parses `7.0.8`-style text: a missing patch counts as 0, and a pre-release suffix on the last part
    /// (`6.2.0-rc1`) is ignored; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let last = parts.last else { return nil }
        let lastNumber = last.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let numbers = (parts.dropLast() + [lastNumber]).compactMap { Int($0) }.filter { $0 >= 0 }
        guard numbers.count == parts.count else { return nil }
        self.init(numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
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
