/// A job scheduler as stored (`<prefix>:<queue>:repeat:<id>` hash, next run in the `repeat` sorted set),
/// read the way BullMQ's `getJobScheduler` reads it.
public struct JobScheduler: Sendable, Hashable {
    /// The scheduler id (BullMQ's `key`).
    public var id: String
    /// The name of its iterations.
    public var name: String
    /// When the pending iteration is due, ms since 1970.
    public var next: Int64?
    /// Iterations created so far (`ic`).
    public var iterationCount: Int?
    /// The rule and bounds; `immediately` is never stored.
    public var rule: RepeatOptions
    /// The template's data, JSON text (nil: `{}`).
    public var templateData: String?
    /// The template's options, JSON text as stored (nil: none).
    public var templateOptions: String?

    /// Reads a scheduler hash and its score; nil for an empty hash.
    init?(id: String, fields: [String: String], next: Int64?) {
        guard !fields.isEmpty else { return nil }
        self.id = id
        name = fields["name"] ?? id
        self.next = next
        iterationCount = fields["ic"].flatMap { Int($0) }
        rule = RepeatOptions(
            every: fields["every"].flatMap { Int($0) }, offset: fields["offset"].flatMap { Int($0) },
            pattern: fields["pattern"], tz: fields["tz"], limit: fields["limit"].flatMap { Int($0) },
            startDate: fields["startDate"].flatMap { Int64($0) }, endDate: fields["endDate"].flatMap { Int64($0) })
        templateData = fields["data"]
        templateOptions = fields["opts"]
    }
}
