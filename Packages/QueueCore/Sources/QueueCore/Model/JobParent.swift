/// A flow child's parent, as BullMQ stores it in the child's hash (`parent` JSON `{id, queueKey}`, and
/// `parentKey`).
public struct JobParent: Sendable, Hashable {
    /// The parent's job id.
    public var id: String
    /// The parent queue's key (`<prefix>:<queue>`, no trailing colon).
    public var queueKey: String

    /// A parent link to job `id` of the queue with key `queueKey`.
    public init(id: String, queueKey: String) {
        self.id = id
        self.queueKey = queueKey
    }

    /// The parent's job key (`<prefix>:<queue>:<id>`).
    public var key: String { queueKey + ":" + id }
}

extension Job {
    /// The job's parent when it is a flow child (from its `parent` field, else its `parentKey`); nil otherwise.
    public var parent: JobParent? {
        if let text = fields["parent"], let members = try? JSONValue.parse(text).objectValue,
            let queueKey = members["queueKey"]?.stringValue,
            let id = members["id"]?.stringValue ?? members["id"]?.intValue.map(String.init)
        {
            return JobParent(id: id, queueKey: queueKey)
        }
        guard let key = fields["parentKey"], let colon = key.lastIndex(of: ":") else { return nil }
        return JobParent(id: String(key[key.index(after: colon)...]), queueKey: String(key[..<colon]))
    }
}
