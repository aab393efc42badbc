import Foundation
import RedisClient

/// Adds flows: trees of jobs whose parents run only once their children have finished (BullMQ's
/// `FlowProducer`, with its layout, so Python and Node BullMQ workers process our flows and ours theirs).
///
/// A whole tree is added by one Lua script: every check that needs Redis (a job id that exists) comes before
/// the first write, so a refused tree writes nothing. The tree may span queues of the producer's prefix; on
/// Redis Cluster they must share one slot (a hash tag in the prefix, `{bull}`), else Redis refuses the script.
/// Thread-safe; does network I/O through the shared `RedisClient` (which this type does not close).
public final class FlowProducer: Sendable {
    /// Settings of a flow producer.
    public struct Configuration: Sendable {
        /// Key prefix of every queue of a tree (BullMQ's default `bull`).
        public var prefix: String
        /// Most jobs in one tree (default 10,000): one script adds the whole tree, and Redis runs nothing
        /// else meanwhile.
        public var maxJobs: Int
        /// Most levels in one tree (default 100; the root is level 1): walking a tree, here and in the
        /// scripts that move parents on, takes a stack frame per level.
        public var maxDepth: Int

        /// Creates a configuration; defaults: prefix `bull`, at most 10,000 jobs and 100 levels per tree.
        public init(prefix: String = "bull", maxJobs: Int = 10_000, maxDepth: Int = 100) {
            self.prefix = prefix
            self.maxJobs = maxJobs
            self.maxDepth = maxDepth
        }

        /// Rejects an empty prefix and bounds below 1 (or a depth over 1,000).
        public func validate() throws {
            guard !prefix.isEmpty else { throw QueueError(.invalidOption, "the flow prefix must not be empty") }
            guard maxJobs >= 1 else { throw QueueError(.invalidOption, "maxJobs must be >= 1, got \(maxJobs)") }
            guard (1...1000).contains(maxDepth) else {
                throw QueueError(.invalidOption, "maxDepth must be between 1 and 1000, got \(maxDepth)")
            }
        }
    }

    /// The settings.
    public let configuration: Configuration
    let client: RedisClient

    /// Creates a producer; nothing is written until a flow is added.
    public init(client: RedisClient, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.client = client
        self.configuration = configuration
    }

    /// Adds the tree `flow` whole or not at all: each job with children waits in `waiting-children` until
    /// they have finished, each leaf is ready (or delayed, or prioritized) at once. Returns where every job
    /// went. Throws `.invalidOption` naming the job for bad input (an empty queue name, invalid options or
    /// JSON, `deduplication`, a job id repeated in one queue, a tree over `maxJobs` or `maxDepth`), and `.jobExists` naming
    /// the job when one of its ids is already taken (nothing is written then). With `parent`, the root becomes
    /// one more child of that existing job (BullMQ's `opts.parent` on a flow's root; `.jobNotFound` when it
    /// does not exist), e.g. from the parent's own processor before `JobContext.moveToWaitingChildren()`.
    @discardableResult
    public func add(_ flow: FlowJob, parent: JobParent? = nil) async throws -> AddedFlowJob {
        var plan = try plan(for: [flow])
        let added = try plan.add(flow, parent: parent)
        if let parent { plan.include(queueKey: parent.queueKey) }
        try await run(plan, parent: parent)
        return added
    }

    /// Adds several flows in one script: all of them or none (BullMQ's `addBulk`, but atomic as a whole; the
    /// bound counts the jobs of every tree). Returns where every job went, in order.
    @discardableResult
    public func addBulk(_ flows: [FlowJob]) async throws -> [AddedFlowJob] {
        guard !flows.isEmpty else { return [] }
        var plan = try plan(for: flows)
        let added = try flows.map { try plan.add($0, parent: nil) }
        try await run(plan, parent: nil)
        return added
    }

    /// An empty plan for `flows`, once they are within the bounds (depth first: the count walks every level).
    private func plan(for flows: [FlowJob]) throws -> FlowPlan {
        if let deep = flows.first(where: { $0.isDeeper(than: configuration.maxDepth) }) {
            throw QueueError(
                .invalidOption,
                "the flow under \(deep.queueName)/\(deep.name) has more than \(configuration.maxDepth) levels, "
                    + "the bound per flow")
        }
        let count = flows.reduce(0) { $0 + $1.count }
        guard count <= configuration.maxJobs else {
            throw QueueError(
                .invalidOption, "the flow has \(count) jobs, over the bound of \(configuration.maxJobs) per flow")
        }
        return FlowPlan(prefix: configuration.prefix, now: Queue.nowMs())
    }

    private func run(_ plan: FlowPlan, parent: JobParent?) async throws {
        let reply = try await client.eval(
            QueueScript.addFlow, keys: plan.queueBases, arguments: [JSONValue.array(plan.nodes).jsonText])
        guard let parts = reply.array, parts.count == 2, let code = parts[0].int, let index = parts[1].int else {
            throw QueueError(.unexpectedReply, "addFlow: unexpected reply")
        }
        switch code {
        case 0: return
        case -5:
            throw QueueError(.jobNotFound, "the flow's parent \(parent?.key ?? "") does not exist; nothing was added")
        case -1, -2:
            let node = plan.described[index - 1]
            if code == -1 {
                throw QueueError(.invalidOption, "the flow repeats job \(node); nothing of the flow was added")
            }
            throw QueueError(.jobExists, "job \(node) of the flow already exists; nothing of the flow was added")
        default: throw QueueError(.unexpectedReply, "addFlow: script returned code \(code)")
        }
    }
}
