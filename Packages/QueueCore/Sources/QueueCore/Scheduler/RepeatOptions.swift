import Foundation

/// When a job scheduler fires (BullMQ's `RepeatOptions`): every `every` ms, or on a cron `pattern` read on
/// `tz`'s wall clock; bounded by `limit` iterations and `startDate`/`endDate`.
public struct RepeatOptions: Sendable, Hashable {
    /// Fire every this many ms (exactly one of `every` and `pattern`).
    public var every: Int?
    /// With `every`: the ms within each interval at which it fires (BullMQ aligns slots to multiples of
    /// `every` since 1970); nil keeps the offset of the first iteration.
    public var offset: Int?
    /// A cron pattern, 5 fields or 6 with seconds first (see `CronPattern`).
    public var pattern: String?
    /// The IANA time zone the pattern is read in (nil: UTC).
    public var tz: String?
    /// The most iterations ever created (nil: no limit).
    public var limit: Int?
    /// No iteration before this time (ms since 1970).
    public var startDate: Int64?
    /// No iteration is created once the clock passes this time (ms since 1970).
    public var endDate: Int64?
    /// With `pattern`: fire once now, then on the pattern (not stored, as in BullMQ).
    public var immediately: Bool

    /// The longest scheduler id accepted, in UTF-8 bytes (it becomes part of Redis keys and job ids).
    public static let maxIdLength = 512

    /// Creates repeat options; give exactly one of `every` and `pattern`.
    public init(
        every: Int? = nil, offset: Int? = nil, pattern: String? = nil, tz: String? = nil, limit: Int? = nil,
        startDate: Int64? = nil, endDate: Int64? = nil, immediately: Bool = false
    ) {
        self.every = every
        self.offset = offset
        self.pattern = pattern
        self.tz = tz
        self.limit = limit
        self.startDate = startDate
        self.endDate = endDate
        self.immediately = immediately
    }

    /// Reads a job's stored `repeat` option (numbers may be stored as numbers or strings); nil when absent.
    init?(json: JSONValue?) {
        guard let members = json?.objectValue else { return nil }
        func int64(_ key: String) -> Int64? {
            members[key]?.doubleValue.map { Int64($0) } ?? members[key]?.stringValue.flatMap { Int64($0) }
        }
        self.init(
            every: int64("every").map(Int.init), offset: int64("offset").map(Int.init),
            pattern: members["pattern"]?.stringValue, tz: members["tz"]?.stringValue,
            limit: int64("limit").map(Int.init), startDate: int64("startDate"), endDate: int64("endDate"),
            immediately: members["immediately"]?.boolValue ?? false)
    }

    /// The cron pattern, parsed; nil for an `every` scheduler.
    func cronPattern() throws -> CronPattern? {
        guard let pattern else { return nil }
        do {
            return try CronPattern(pattern)
        } catch {
            throw QueueError(.invalidOption, "repeat.pattern: \(error)")
        }
    }

    /// The time zone the pattern is read in.
    func timeZone() throws -> TimeZone {
        guard let tz else { return TimeZone(identifier: "UTC")! }
        guard let zone = TimeZone(identifier: tz) else {
            throw QueueError(.invalidOption, "repeat.tz '\(tz)' is not a known IANA time zone")
        }
        return zone
    }

    /// Refuses what BullMQ refuses and what could never fire, naming the field; nothing is written then.
    func validate(now: Int64) throws {
        switch (every, pattern) {
        case (nil, nil):
            throw QueueError(.invalidOption, "repeat needs either `every` or `pattern`")
        case (.some, .some):
            throw QueueError(.invalidOption, "repeat has both `every` and `pattern`; give exactly one")
        default: break
        }
        if let every, every <= 0 { throw QueueError(.invalidOption, "repeat.every must be > 0 ms, got \(every)") }
        if let offset, offset < 0 { throw QueueError(.invalidOption, "repeat.offset must be >= 0 ms, got \(offset)") }
        if let limit, limit < 1 { throw QueueError(.invalidOption, "repeat.limit must be >= 1, got \(limit)") }
        if immediately && startDate != nil {
            throw QueueError(.invalidOption, "repeat has both `immediately` and `startDate`; give at most one")
        }
        if let startDate, let endDate, endDate < startDate {
            throw QueueError(
                .invalidOption, "repeat.endDate (\(endDate)) is before repeat.startDate (\(startDate))")
        }
        if let endDate, endDate < now {
            throw QueueError(.invalidOption, "repeat.endDate (\(endDate)) is in the past")
        }
        _ = try cronPattern()
        _ = try timeZone()
    }

    /// Validates a scheduler id: 1…`maxIdLength` bytes, and fewer than four `:` (BullMQ workers read an id
    /// with four or more as the key of a legacy repeatable job).
    static func validateSchedulerID(_ id: String) throws {
        guard !id.isEmpty else { throw QueueError(.invalidOption, "the job scheduler id must not be empty") }
        guard id.utf8.count <= maxIdLength else {
            throw QueueError(
                .invalidOption,
                "the job scheduler id is \(id.utf8.count) bytes long; at most \(maxIdLength) are allowed")
        }
        guard id.split(separator: ":", omittingEmptySubsequences: false).count < 5 else {
            throw QueueError(
                .invalidOption,
                "the job scheduler id '\(id)' has four or more ':'; BullMQ workers would read it as a legacy"
                    + " repeatable job's key")
        }
    }

    /// The `repeat` option stored in an iteration's options, as bullmq writes it: the rule, `count` (this
    /// iteration's number), and the bounds that are set; never `immediately`.
    func storedJSON(count: Int) -> JSONValue {
        var members: [String: JSONValue] = ["count": .number(Double(count))]
        if let every { members["every"] = .number(Double(every)) }
        if let offset { members["offset"] = .number(Double(offset)) }
        if let pattern { members["pattern"] = .string(pattern) }
        if let tz { members["tz"] = .string(tz) }
        if let limit { members["limit"] = .number(Double(limit)) }
        if let startDate { members["startDate"] = .number(Double(startDate)) }
        if let endDate { members["endDate"] = .number(Double(endDate)) }
        return .object(members)
    }

    /// The scheduler hash's rule fields (`every`, `offset`, `pattern`, `tz`, `limit`, `startDate`, `endDate`).
    var schedulerFields: [String: String] {
        var fields: [String: String] = [:]
        if let every { fields["every"] = String(every) }
        if let offset { fields["offset"] = String(offset) }
        if let pattern { fields["pattern"] = pattern }
        if let tz { fields["tz"] = tz }
        if let limit { fields["limit"] = String(limit) }
        if let startDate { fields["startDate"] = String(startDate) }
        if let endDate { fields["endDate"] = String(endDate) }
        return fields
    }
}
