/// A queue's job counts per state, with BullMQ's state names in JSON (`waiting-children`).
///
/// `waiting` includes a legacy 5.x `paused` list, whose jobs are waiting too.
public struct JobCounts: Codable, Sendable, Equatable {
    /// Ready, unprioritised (`wait` list, plus a legacy `paused` list).
    public var waiting: Int
    /// Being processed (`active` list).
    public var active: Int
    /// Kept completed jobs (`completed` zset; bounded by `removeOnComplete`).
    public var completed: Int
    /// Kept failed jobs (`failed` zset; bounded by `removeOnFail`).
    public var failed: Int
    /// Waiting for their due time, including retries with backoff (`delayed` zset).
    public var delayed: Int
    /// Ready with a priority (`prioritized` zset).
    public var prioritized: Int
    /// Flow parents waiting for children (`waiting-children` zset).
    public var waitingChildren: Int

    /// Creates counts; every parameter defaults to 0.
    public init(
        waiting: Int = 0, active: Int = 0, completed: Int = 0, failed: Int = 0, delayed: Int = 0,
        prioritized: Int = 0, waitingChildren: Int = 0
    ) {
        self.waiting = waiting
        self.active = active
        self.completed = completed
        self.failed = failed
        self.delayed = delayed
        self.prioritized = prioritized
        self.waitingChildren = waitingChildren
    }

    /// Jobs ready and not running: waiting + prioritized (what `maxWaitingJobs` compares).
    public var ready: Int { waiting + prioritized }

    /// Each state's BullMQ name and count, in a fixed order (for tables and the `state` label).
    public var byState: [(state: String, count: Int)] {
        [
            ("waiting", waiting), ("active", active), ("completed", completed), ("failed", failed),
            ("delayed", delayed), ("prioritized", prioritized), ("waiting-children", waitingChildren),
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case waiting, active, completed, failed, delayed, prioritized
        case waitingChildren = "waiting-children"
    }
}
