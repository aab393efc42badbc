/// A flow parent's children by outcome (BullMQ's `getDependencies`), keyed by child job key
/// (`<prefix>:<queue>:<id>`).
public struct JobDependencies: Sendable, Hashable {
    /// Completed children and their return values, JSON text (the parent's `:processed` hash).
    public var processed: [String: String]
    /// Children that have not finished (the parent's `:dependencies` set).
    public var unprocessed: [String]
    /// Children that failed with `failParentOnFailure` (the parent's `:unsuccessful` sorted set, oldest first).
    public var failed: [String]
    /// Children that failed with `continueParentOnFailure` or `ignoreDependencyOnFailure`, and their failure
    /// reasons (the parent's `:failed` hash).
    public var ignored: [String: String]

    /// How many children are in each group.
    public var counts: Counts {
        Counts(processed: processed.count, unprocessed: unprocessed.count, failed: failed.count, ignored: ignored.count)
    }

    /// Child counts per group (BullMQ's `getDependenciesCount`).
    public struct Counts: Sendable, Hashable {
        /// Completed children.
        public var processed: Int
        /// Children not finished.
        public var unprocessed: Int
        /// Children failed with `failParentOnFailure`.
        public var failed: Int
        /// Children failed and ignored (`continueParentOnFailure`, `ignoreDependencyOnFailure`).
        public var ignored: Int

        /// Counts per group.
        public init(processed: Int, unprocessed: Int, failed: Int, ignored: Int) {
            self.processed = processed
            self.unprocessed = unprocessed
            self.failed = failed
            self.ignored = ignored
        }
    }

    /// The four groups of children, named as BullMQ's `getDependencies` names them.
    public enum Group: String, Sendable, Hashable, CaseIterable {
        /// Completed children (`:processed` hash; entries carry the return value).
        case processed
        /// Children not finished (`:dependencies` set).
        case unprocessed
        /// Children failed with `failParentOnFailure` (`:unsuccessful` sorted set).
        case failed
        /// Children failed and ignored (`:failed` hash; entries carry the reason).
        case ignored
    }

    /// One page of one group (BullMQ's `getDependencies` with a cursor).
    public struct Page: Sendable, Hashable {
        /// Child job keys with their return value or failure reason (nil for `unprocessed` and `failed`).
        public var entries: [Entry]
        /// The cursor of the next page; 0 when this was the last.
        public var nextCursor: Int
    }

    /// A child in a `Page`.
    public struct Entry: Sendable, Hashable {
        /// The child's job key (`<prefix>:<queue>:<id>`).
        public var key: String
        /// Its return value JSON (`processed`) or failure reason (`ignored`), else nil.
        public var value: String?
    }
}
