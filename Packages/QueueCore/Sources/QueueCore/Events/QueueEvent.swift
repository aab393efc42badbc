/// One entry of a queue's events stream (`<prefix>:<queue>:events`), as BullMQ's scripts and ours write it.
public struct QueueEvent: Sendable, Hashable {
    /// The event names BullMQ writes (the stream's `event` field).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case added, waiting, active, progress, completed, failed, stalled, delayed, removed, deduplicated
        case duplicated, paused, resumed, drained, cleaned
        case retriesExhausted = "retries-exhausted"
        case waitingChildren = "waiting-children"
    }

    /// The stream entry id (`<ms>-<seq>`); pass it to `QueueEvents.Start.after` to resume from here.
    public let id: String
    /// The event name as written.
    public let name: String
    /// Every field but `event`, as written (`jobId`, `prev`, `returnvalue`, `failedReason`, …).
    public let fields: [String: String]

    /// Creates an event from a stream entry.
    public init(id: String, name: String, fields: [String: String]) {
        self.id = id
        self.name = name
        self.fields = fields
    }

    /// The event's kind; nil for a name this engine does not know (written by a newer BullMQ).
    public var kind: Kind? { Kind(rawValue: name) }
    /// When the event was written, ms since 1970 (the stream id's time part).
    public var timestamp: Int64 { Int64(id.prefix { $0 != "-" }) ?? 0 }
    /// The job the event is about (every job event has it).
    public var jobId: String? { fields["jobId"] }
    /// The state the job left (`waiting`, `active`, `delayed`, …), when written.
    public var previousState: String? { fields["prev"] }
    /// `completed`: the processor's result, JSON text.
    public var returnValue: String? { fields["returnvalue"] }
    /// `failed`: the error message.
    public var failedReason: String? { fields["failedReason"] }
    /// `progress`: the progress value, JSON text.
    public var progress: String? { fields["data"] }
    /// `delayed`: when the job is due, ms since 1970.
    public var delayedUntil: Int64? { fields["delay"].flatMap { Int64($0) } }
    /// `retries-exhausted`: the attempts the job made.
    public var attemptsMade: Int? { fields["attemptsMade"].flatMap { Int($0) } }
    /// `cleaned`: how many jobs were deleted.
    public var count: Int? { fields["count"].flatMap { Int($0) } }
}
