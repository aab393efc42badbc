/// Where a scheduled post is in its life: `scheduled` (row committed) → `queued` (its delayed job is in Redis)
/// → `published` | `failed`; `cancelled` from either of the first two.
public enum PostStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Stored; its job may not be in Redis yet (the reconciler makes sure it gets there).
    case scheduled
    /// Stored and its job `post-<id>-v<n>` was added to the queue.
    case queued
    /// Published once; a `publications` row exists.
    case published
    /// Publishing failed on every attempt; `lastError` holds the reason.
    case failed
    /// Cancelled before publication; its job was removed.
    case cancelled

    /// Whether the post still waits for publication (`scheduled` or `queued`).
    public var isPending: Bool { self == .scheduled || self == .queued }
}
