import Foundation

/// A flow tree flattened for the `addFlow` script: its nodes in pre-order (a parent before its children),
/// with ids given, options checked and the parent links spelled as BullMQ stores them.
struct FlowPlan {
    let prefix: String
    let now: Int64
    /// The script's nodes (see `QueueScript.addFlow`).
    private(set) var nodes: [JSONValue] = []
    /// `'<id>' in queue <name>` per node, for error messages.
    private(set) var described: [String] = []
    /// The key prefix of every queue of the tree, the root's first.
    private(set) var queueBases: [String] = []
    private var jobKeys: Set<String> = []
    // Siblings usually share their options and data: check and encode each distinct value once.
    private var encodedOptions: [JobOptions: String] = [:]
    private var validData: Set<String> = []

    init(prefix: String, now: Int64) {
        self.prefix = prefix
        self.now = now
    }

    /// Adds the key prefix of the queue with key `queueKey` (no trailing colon) to `queueBases`.
    mutating func include(queueKey: String) {
        if !queueBases.contains(queueKey + ":") { queueBases.append(queueKey + ":") }
    }

    /// Appends `job` and its descendants; `parent` is the parent's job id and queue key.
    mutating func add(_ job: FlowJob, parent: JobParent?) throws -> AddedFlowJob {
        let queue = job.queueName
        guard !queue.isEmpty else {
            throw QueueError(.invalidOption, "a job of the flow (name '\(job.name)') has an empty queue name")
        }
        let context = "flow job '\(job.options.jobId ?? job.name)' in queue \(queue)"
        do {
            if !validData.contains(job.json) {
                try JSONValue.validate(job.json)
                validData.insert(job.json)
            }
        } catch let error as QueueError {
            throw QueueError(.invalidOption, "\(context): \(error.message)")
        }
        let keys = QueueKeys(prefix: prefix, queue: queue)
        let id = job.options.jobId ?? FlowPlan.randomID()
        guard jobKeys.insert(keys.job(id)).inserted else {
            throw QueueError(.invalidOption, "the flow repeats job '\(id)' in queue \(queue)")
        }
        if !queueBases.contains(keys.base) { queueBases.append(keys.base) }
        var options = job.options
        var parentField: [String: JSONValue] = [:]
        if let parent {
            parentField = ["id": .string(parent.id), "queueKey": .string(parent.queueKey)]
            // BullMQ keeps the parent in the options too (`{id, queue}`); its clients read either.
            options.other["parent"] = .object(["id": .string(parent.id), "queue": .string(parent.queueKey)])
            if job.parentPolicy != .keepWaiting {
                parentField[job.parentPolicy.rawValue] = .bool(true)
                options.other[job.parentPolicy.rawValue] = .bool(true)
            }
        }
        let optionsJSON = try encode(options, context: context)
        nodes.append(
            .object([
                "b": .string(keys.base), "id": .string(id), "name": .string(job.name), "data": .string(job.json),
                "opts": .string(optionsJSON), "ts": .string(String(options.timestamp ?? now)),
                "delay": .number(Double(options.delay)), "prio": .number(Double(options.priority)),
                "lifo": .bool(options.lifo), "kids": .bool(!job.children.isEmpty),
                "pk": .string(parent?.key ?? ""),
                "pj": .string(parent == nil ? "" : JSONValue.object(parentField).jsonText),
            ]))
        described.append("'\(id)' in queue \(queue)")
        let me = JobParent(id: id, queueKey: "\(prefix):\(queue)")
        let children = try job.children.map { try add($0, parent: me) }
        return AddedFlowJob(queueName: queue, id: id, children: children)
    }

    /// The stored `opts` of `options`, checked first (BullMQ's ranges; no deduplication in a flow).
    private mutating func encode(_ options: JobOptions, context: String) throws -> String {
        if let known = encodedOptions[options] { return known }
        do {
            try options.validate()
        } catch let error as QueueError {
            throw QueueError(.invalidOption, "\(context): \(error.message)")
        }
        guard options.deduplication == nil else {
            throw QueueError(.invalidOption, "\(context): deduplication is not supported in a flow")
        }
        let json = options.json
        encodedOptions[options] = json
        return json
    }

    /// A random id as BullMQ 6.x gives flow jobs (a UUID's 32 hex digits), never all digits (those would
    /// read as counter ids).
    static func randomID() -> String {
        while true {
            let digits = Array("0123456789abcdef".utf8)
            let id = withUnsafeBytes(of: UUID().uuid) { bytes in
                String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
            }
            if !id.allSatisfy(\.isNumber) { return id }
        }
    }
}
