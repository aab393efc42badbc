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
}
