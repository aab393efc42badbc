import Foundation

/// A job as stored in its hash (`<prefix>:<queue>:<id>`), with the JSON kept as the producer wrote it.
public struct Job: Sendable, Hashable {
    /// The job id (counter value or custom id).
    public var id: String
    /// The job name.
    public var name: String
    /// The job data, raw JSON text exactly as stored.
    public var data: String
    /// The options, parsed leniently from the stored `opts`.
    public var options: JobOptions
    /// Creation time, ms since 1970.
    public var timestamp: Int64
    /// The delay in ms (0 once promoted; the backoff delay after a retry with delay).
    public var delay: Int
    /// 0 = none, else 1 (highest) … 2^21-1.
    public var priority: Int
    /// Finished attempts (`atm`, or the older `attemptsMade`).
    public var attemptsMade: Int
    /// Started attempts (`ats`).
    public var attemptsStarted: Int
    /// Times the job was found stalled (`stc`, or the older `stalledCounter`).
    public var stalledCounter: Int
    /// When the last attempt started, ms since 1970.
    public var processedOn: Int64?
    /// When the job completed or failed for good, ms since 1970.
    public var finishedOn: Int64?
    /// The processor's result, raw JSON text.
    public var returnValue: String?
    /// The last error message (plain text).
    public var failedReason: String?
    /// The last error's stack frames (stored as a JSON array of strings).
    public var stacktrace: [String]
    /// The last progress, raw JSON text.
    public var progress: String?
    /// A deferred failure (`defa`): the next worker fails the job with this reason without running it.
    public var deferredFailure: String?
    /// Every hash field as stored, including those not modelled above.
    public var fields: [String: String]

    /// Parses a job hash; throws `.unexpectedReply` when `name` or `data` is missing.
    public init(id: String, fields: [String: String]) throws {
        guard let name = fields["name"], let data = fields["data"] else {
            throw QueueError(.unexpectedReply, "job \(id) has no name or data field; it is not a BullMQ job hash")
        }
        self.id = id
        self.name = name
        self.data = data
        self.options = JobOptionsCache.options(for: fields["opts"] ?? "")
        self.timestamp = fields["timestamp"].flatMap { Int64($0) } ?? 0
        self.delay = fields["delay"].flatMap { Int($0) } ?? 0
        self.priority = fields["priority"].flatMap { Int($0) } ?? 0
        self.attemptsMade = (fields["atm"] ?? fields["attemptsMade"]).flatMap { Int($0) } ?? 0
        self.attemptsStarted = fields["ats"].flatMap { Int($0) } ?? 0
        self.stalledCounter = (fields["stc"] ?? fields["stalledCounter"]).flatMap { Int($0) } ?? 0
        self.processedOn = fields["processedOn"].flatMap { Int64($0) }
        self.finishedOn = fields["finishedOn"].flatMap { Int64($0) }
        self.returnValue = fields["returnvalue"]
        self.failedReason = fields["failedReason"]
        self.stacktrace =
            fields["stacktrace"].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
        self.progress = fields["progress"]
        self.deferredFailure = fields["defa"]
        self.fields = fields
    }

    /// Decodes the data JSON into `T`.
    public func decodeData<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(data.utf8))
    }

    /// Decodes the return value JSON into `T`; nil when the job has no return value.
    public func decodeReturnValue<T: Decodable>(_ type: T.Type = T.self) throws -> T? {
        guard let returnValue else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(returnValue.utf8))
    }
}
