/// A Lua script run with `EVALSHA`; its SHA-1 is computed locally, so no round trip is needed to use it.
///
/// `RedisClient.eval` loads the script (`SCRIPT LOAD`) transparently when the server answers `NOSCRIPT`
/// (after a restart or `SCRIPT FLUSH`).
public struct RedisScript: Sendable, Hashable {
    /// The Lua source.
    public let source: String
    /// The lowercase hex SHA-1 of `source`, as Redis names cached scripts.
    public let sha1: String
    /// A short name for error messages (e.g. `moveToActive`); defaults to the first 8 hex digits of the hash.
    public let name: String

    /// Wraps a Lua source; hashing is O(length), done once here.
    public init(_ source: String, name: String? = nil) {
        self.source = source
        self.sha1 = SHA1.hexDigest(Array(source.utf8))
        self.name = name ?? String(sha1.prefix(8))
    }
}
