/// Key names of one queue: `<prefix>:<queue>:<suffix>`, BullMQ's layout.
public struct QueueKeys: Sendable, Hashable {
    /// The job-key prefix `<prefix>:<queue>:` (with the trailing colon); every script's `KEYS[1]`.
    public let base: String

    /// Creates the key names for `queue` under `prefix` (BullMQ's default `bull`).
    public init(prefix: String, queue: String) {
        base = "\(prefix):\(queue):"
    }

    /// The key of `suffix` (`wait`, `meta`, `events`, a job id, …).
    public func key(_ suffix: String) -> String { base + suffix }

    /// The key of a state's list or sorted set.
    func key(_ state: JobState) -> String { base + state.keySuffix }
}
