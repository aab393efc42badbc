/// Rules for custom job ids, as Node BullMQ enforces them (so a queue stays usable from Node).
public enum JobID {
    /// Throws `.invalidOption` for an empty id, an integer-only id (it would clash with counter ids),
    /// an id starting with `0:` (legacy markers), or an id with `:` unless it has exactly three segments.
    public static func validate(_ id: String) throws {
        guard !id.isEmpty else { throw QueueError(.invalidOption, "a custom jobId must not be empty") }
        if Int(id) != nil {
            throw QueueError(
                .invalidOption, "custom jobId '\(id)' is an integer; use a non-numeric id such as 'post-\(id)'")
        }
        if id.hasPrefix("0:") {
            throw QueueError(.invalidOption, "custom jobId '\(id)' starts with '0:', reserved for legacy markers")
        }
        let segments = id.split(separator: ":", omittingEmptySubsequences: false).count
        if segments > 1 && segments != 3 {
            throw QueueError(
                .invalidOption, "custom jobId '\(id)' contains ':'; use '-' instead (or exactly 3 segments)")
        }
    }
}
