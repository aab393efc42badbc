/// BullMQ's deduplication of a job (`deduplication` when adding; stored as `de` in `opts`, the id as the job
/// hash's `deid` and the claim as `<prefix>:<queue>:de:<id>`).
///
/// Modes, as in BullMQ:
/// - **simple** (no `ttl`): while the job that claimed the id has not finished (completed, failed for good or
///   removed), adding another job with the same id adds nothing and returns the first job's id;
/// - **throttle** (`ttl`): the claim lasts `ttl` ms whatever happens to the job;
/// - **debounce** (`ttl` with `extend` and `replace`, on a delayed job): a new add replaces the waiting
///   delayed job's data and options and starts its delay again (`extend` alone only prolongs the claim);
/// - `keepLastIfActive`: an add while the claiming job is active is kept aside (the last one wins) and added
///   when the active job finishes.
/// Every add refused by a claim emits a `deduplicated` event.
public struct Deduplication: Sendable, Hashable {
    /// The deduplication id; 1…``maxIdLength`` UTF-8 bytes.
    public var id: String
    /// How long the claim lasts in ms; nil claims until the job finishes.
    public var ttl: Int?
    /// Whether an add during the claim prolongs it to a full `ttl` again.
    public var extend: Bool
    /// Whether an add during the claim replaces the claiming job while that job is still delayed.
    public var replace: Bool
    /// Whether an add while the claiming job is active is kept and added once it finishes.
    public var keepLastIfActive: Bool

    /// The longest id accepted, in UTF-8 bytes (it becomes part of a Redis key).
    public static let maxIdLength = 512

    /// Creates deduplication options; by default the simple mode.
    public init(
        id: String, ttl: Int? = nil, extend: Bool = false, replace: Bool = false, keepLastIfActive: Bool = false
    ) {
        self.id = id
        self.ttl = ttl
        self.extend = extend
        self.replace = replace
        self.keepLastIfActive = keepLastIfActive
    }

    /// Reads BullMQ's stored `de` object; nil when absent or without an id.
    init?(json: JSONValue?) {
        guard let members = json?.objectValue, let id = members["id"]?.stringValue else { return nil }
        self.init(
            id: id, ttl: members["ttl"]?.intValue, extend: members["extend"]?.boolValue ?? false,
            replace: members["replace"]?.boolValue ?? false,
            keepLastIfActive: members["keepLastIfActive"]?.boolValue ?? false)
    }

    /// BullMQ's stored `de` object (only the options that are set).
    var json: JSONValue {
        var members: [String: JSONValue] = ["id": .string(id)]
        if let ttl { members["ttl"] = .number(Double(ttl)) }
        if extend { members["extend"] = .bool(true) }
        if replace { members["replace"] = .bool(true) }
        if keepLastIfActive { members["keepLastIfActive"] = .bool(true) }
        return .object(members)
    }

    /// Refuses an empty or too long id and a negative ttl, naming the field.
    func validate() throws {
        guard !id.isEmpty else { throw QueueError(.invalidOption, "deduplication.id must not be empty") }
        guard id.utf8.count <= Self.maxIdLength else {
            throw QueueError(
                .invalidOption,
                "deduplication.id is \(id.utf8.count) bytes long; at most \(Self.maxIdLength) are allowed")
        }
        if let ttl, ttl < 0 { throw QueueError(.invalidOption, "deduplication.ttl must be >= 0 ms, got \(ttl)") }
    }

    /// The add script's arguments: id, ttl (0 none), extend, replace, keepLastIfActive ("1"/"0").
    var scriptArguments: [String] {
        [id, String(ttl ?? 0), extend ? "1" : "0", replace ? "1" : "0", keepLastIfActive ? "1" : "0"]
    }
}
