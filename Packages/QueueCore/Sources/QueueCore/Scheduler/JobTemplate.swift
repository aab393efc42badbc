/// What each iteration of a job scheduler is created from: a name, data and options (BullMQ's job template).
public struct JobTemplate: Sendable, Hashable {
    /// The name of every iteration (nil: the scheduler id, as in BullMQ).
    public var name: String?
    /// The data of every iteration, JSON text.
    public var json: String
    /// The options of every iteration; `jobId`, `delay`, `deduplication` and `repeat` are the scheduler's
    /// to set and are refused here, as BullMQ's template type excludes them.
    public var options: JobOptions

    /// A template from JSON text data.
    public init(name: String? = nil, json: String = "{}", options: JobOptions = JobOptions()) {
        self.name = name
        self.json = json
        self.options = options
    }

    /// A template from `Encodable` data.
    public init(name: String? = nil, data: some Encodable, options: JobOptions = JobOptions()) throws {
        self.init(name: name, json: try Queue.encodeJSON(data), options: options)
    }

    /// Refuses options the scheduler sets itself and invalid data, naming the field.
    func validate() throws {
        if options.jobId != nil {
            throw QueueError(
                .invalidOption, "a job scheduler's template cannot set jobId: each iteration's id is the scheduler's")
        }
        if options.delay != 0 {
            throw QueueError(.invalidOption, "a job scheduler's template cannot set delay: the schedule sets it")
        }
        if options.deduplication != nil {
            throw QueueError(.invalidOption, "a job scheduler's template cannot set deduplication")
        }
        if options.other["repeat"] != nil {
            throw QueueError(
                .invalidOption, "a job scheduler's template cannot carry `repeat`: pass the repeat options instead")
        }
        try options.validate()
        try JSONValue.validate(json)
    }
}
