/// Which finished jobs to keep (BullMQ's `removeOnComplete` / `removeOnFail`).
public struct KeepJobs: Sendable, Hashable {
    /// Keep only the newest `count` (0 removes at once, nil keeps all).
    public var count: Int?
    /// Remove finished jobs older than this many seconds (nil: no age limit).
    public var ageSeconds: Int?
    /// Most jobs removed by age per finish (BullMQ's default 1000).
    public var limit: Int

    /// Creates a rule; nil count and age keep everything.
    public init(count: Int? = nil, ageSeconds: Int? = nil, limit: Int = 1000) {
        self.count = count
        self.ageSeconds = ageSeconds
        self.limit = limit
    }

    /// Keep every finished job (BullMQ's `false`, the default).
    public static let all = KeepJobs()
    /// Remove the job as soon as it finishes (BullMQ's `true`).
    public static let none = KeepJobs(count: 0)
    /// Keep the newest `n` finished jobs.
    public static func last(_ n: Int) -> KeepJobs { KeepJobs(count: n) }

    /// Reads BullMQ's forms: `true`, `false`, a count, or `{count?, age?, limit?}`; nil when absent.
    public init?(json: JSONValue?) {
        switch json {
        case .bool(let remove): self = remove ? .none : .all
        case .number(let count): self.init(count: Int(count))
        case .object(let members):
            self.init(
                count: members["count"]?.intValue, ageSeconds: members["age"]?.intValue,
                limit: members["limit"]?.intValue ?? 1000)
        default: return nil
        }
    }

    /// BullMQ's stored form: `true`/`false` for none/all, a number for a bare count, else an object.
    public var json: JSONValue {
        if self == .none { return .bool(true) }
        if self == .all { return .bool(false) }
        if let count, ageSeconds == nil, limit == 1000 { return .number(Double(count)) }
        var members: [String: JSONValue] = [:]
        if let count { members["count"] = .number(Double(count)) }
        if let ageSeconds { members["age"] = .number(Double(ageSeconds)) }
        if limit != 1000 { members["limit"] = .number(Double(limit)) }
        return .object(members)
    }

    /// The script arguments: count (-1 keeps all), age in seconds (0 none), limit.
    var scriptArguments: [String] {
        [String(count.map { $0 < 0 ? -1 : $0 } ?? -1), String(ageSeconds ?? 0), String(limit)]
    }
}
