/// One job of a flow (BullMQ's `FlowJob`): a name, a queue, data, options, what its parent does if it fails
/// for good, and its own children, which all complete before it runs.
///
/// A value type tree, so it cannot hold a cycle; `FlowProducer.add(_:)` refuses a tree that repeats a job id
/// in one queue.
public struct FlowJob: Sendable, Hashable {
    /// The job name.
    public var name: String
    /// The queue the job goes to (any queue of the producer's prefix; created by the add).
    public var queueName: String
    /// The data, JSON text stored exactly as given.
    public var json: String
    /// The options. `deduplication` is refused in a flow; without `jobId` the job gets a random UUID id
    /// (32 hex digits), as BullMQ 6.x gives flow jobs.
    public var options: JobOptions
    /// What this job's parent does when this job fails for good (ignored on a root added without a parent).
    public var parentPolicy: ParentPolicy
    /// The jobs that must finish before this one runs.
    public var children: [FlowJob]

    /// What a parent does when a child fails for good (BullMQ's flow options on the child).
    public enum ParentPolicy: String, Sendable, Hashable, CaseIterable {
        /// BullMQ's default: the parent keeps waiting (the child stays in its `:dependencies`).
        case keepWaiting
        /// `failParentOnFailure` (`fpof`): the parent fails too, with the reason `child <key> failed`, and its
        /// own parent applies its policy in turn.
        case failParent = "fpof"
        /// `continueParentOnFailure` (`cpof`): the parent runs at once; the failure is in its `:failed`.
        case continueParent = "cpof"
        /// `ignoreDependencyOnFailure` (`idof`): the child counts as done; the failure is in its `:failed`.
        case ignoreDependency = "idof"
        /// `removeDependencyOnFailure` (`rdof`): the child is no longer a dependency; nothing is recorded.
        case removeDependency = "rdof"
    }

    /// A flow job from JSON text data.
    public init(
        name: String, queueName: String, json: String = "{}", options: JobOptions = JobOptions(),
        parentPolicy: ParentPolicy = .keepWaiting, children: [FlowJob] = []
    ) {
        self.name = name
        self.queueName = queueName
        self.json = json
        self.options = options
        self.parentPolicy = parentPolicy
        self.children = children
    }

    /// A flow job from `Encodable` data.
    public init(
        name: String, queueName: String, data: some Encodable, options: JobOptions = JobOptions(),
        parentPolicy: ParentPolicy = .keepWaiting, children: [FlowJob] = []
    ) throws {
        self.init(
            name: name, queueName: queueName, json: try Queue.encodeJSON(data), options: options,
            parentPolicy: parentPolicy, children: children)
    }

    /// The number of jobs in the tree (this one and every descendant).
    public var count: Int { 1 + children.reduce(0) { $0 + $1.count } }

    /// Whether the tree has more than `limit` levels (this job is level 1). Looks at most `limit` + 1
    /// levels deep, so it is safe on any tree, before the walks that go all the way down.
    func isDeeper(than limit: Int) -> Bool {
        guard !children.isEmpty else { return false }
        return limit <= 1 || children.contains { $0.isDeeper(than: limit - 1) }
    }
}

/// A job a flow added, with its children: where each job of the tree went.
public struct AddedFlowJob: Sendable, Hashable {
    /// The job's queue.
    public var queueName: String
    /// The job's id.
    public var id: String
    /// The added children, in the order given.
    public var children: [AddedFlowJob]
}
