import Essentials
import Foundation
import RedisClient

/// A BullMQ-compatible queue on Redis: the producer and admin side (add, inspect, pause, retry, clean).
///
/// Every transition is one Lua script run with EVALSHA, so it is atomic in Redis; queues written by Python or
/// Node BullMQ are read and changed here, and the other way round. Thread-safe; all methods are async and do
/// network I/O through the shared `RedisClient` (which this type does not close).
public final class Queue: Sendable {
    /// Settings of a queue handle.
    public struct Configuration: Sendable {
        /// Key prefix (BullMQ's default `bull`). Put a hash tag in it (`{bull}`) for Redis Cluster.
        public var prefix: String
        /// Options merged under every added job's own options (BullMQ's `defaultJobOptions`).
        public var defaultJobOptions: JobOptions?

        /// Creates a configuration; defaults: prefix `bull`, no default job options.
        public init(prefix: String = "bull", defaultJobOptions: JobOptions? = nil) {
            self.prefix = prefix
            self.defaultJobOptions = defaultJobOptions
        }

        /// Rejects an empty prefix.
        public func validate() throws {
            guard !prefix.isEmpty else { throw QueueError(.invalidOption, "the queue prefix must not be empty") }
        }
    }

    /// One job for `addBulk`.
    public struct NewJob: Sendable {
        /// The job name.
        public var name: String
        /// The data, JSON text.
        public var json: String
        /// The options.
        public var options: JobOptions

        /// A job from JSON text data.
        public init(name: String, json: String, options: JobOptions = JobOptions()) {
            self.name = name
            self.json = json
            self.options = options
        }

        /// A job from `Encodable` data.
        public init(name: String, data: some Encodable, options: JobOptions = JobOptions()) throws {
            self.init(name: name, json: try Queue.encodeJSON(data), options: options)
        }
    }

    /// The queue name.
    public let name: String
    /// The queue's key names.
    public let keys: QueueKeys
    /// The settings.
    public let configuration: Configuration
    let client: RedisClient

    /// Creates a handle on queue `name`; nothing is written until a job is added.
    public init(name: String, client: RedisClient, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        guard !name.isEmpty else { throw QueueError(.invalidOption, "the queue name must not be empty") }
        self.name = name
        self.client = client
        self.configuration = configuration
        self.keys = QueueKeys(prefix: configuration.prefix, queue: name)
    }

    /// Milliseconds since 1970 from the wall clock (BullMQ's time base; keep clocks in sync across hosts).
    static func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        try JSONCoding.string(value)
    }

    func run(_ script: RedisScript, _ arguments: [String]) async throws -> RedisValue {
        try await client.eval(script, keys: [keys.base], arguments: arguments)
    }

    // MARK: Adding

    /// Adds a job with `Encodable` data; returns its id, or an existing job's id when the custom id is taken or
    /// the job's `deduplication` id is claimed by that job (nothing is added then).
    public func add(_ name: String, data: some Encodable, options: JobOptions = JobOptions()) async throws -> String {
        try await add(name, json: try Queue.encodeJSON(data), options: options)
    }

    /// Adds a job whose data is JSON text, stored exactly as given; returns its id.
    public func add(_ name: String, json: String, options: JobOptions = JobOptions()) async throws -> String {
        var encoded: [JobOptions: String] = [:]
        let arguments = try addArguments(NewJob(name: name, json: json, options: options), encodedOptions: &encoded)
        return try addedID(try await run(QueueScript.addJob, arguments))
    }

    /// Adds many jobs in one pipeline (one round trip); returns their ids in order.
    public func addBulk(_ jobs: [NewJob]) async throws -> [String] {
        // Bulk adds usually share one options value: encode each distinct one once.
        var encoded: [JobOptions: String] = [:]
        let calls = try jobs.map { job in
            (QueueScript.addJob, keys: [keys.base], arguments: try addArguments(job, encodedOptions: &encoded))
        }
        return try await client.evalPipeline(calls).map { try addedID(try $0.get()) }
    }

    private func addArguments(_ job: NewJob, encodedOptions: inout [JobOptions: String]) throws -> [String] {
        var options = job.options
        if let defaults = configuration.defaultJobOptions { options = options.merged(over: defaults) }
        let json: String
        if let known = encodedOptions[options] {
            json = known
        } else {
            try options.validate()
            json = options.json
            encodedOptions[options] = json
        }
        try JSONValue.validate(job.json)
        let timestamp = options.timestamp ?? Queue.nowMs()
        return [
            options.jobId ?? "", job.name, String(timestamp), job.json, json, String(options.delay),
            String(options.priority), options.lifo ? "1" : "0",
        ] + (options.deduplication?.scriptArguments ?? ["", "0", "0", "0", "0"])
    }

    private func addedID(_ reply: RedisValue) throws -> String {
        guard let parts = reply.array, parts.count == 2, let id = parts[1].string else {
            throw QueueError(.unexpectedReply, "addJob on \(name): unexpected reply")
        }
        return id
    }

    // MARK: Reading

    /// The job with `id`, or nil.
    public func job(_ id: String) async throws -> Job? {
        let fields = ScriptReply.hash(try await client.send("HGETALL", keys.key(id)))
        return fields.isEmpty ? nil : try Job(id: id, fields: fields)
    }

    /// The state of job `id` (`.unknown` when it is nowhere).
    public func state(of id: String) async throws -> JobState {
        let reply = try await run(QueueScript.jobState, [id])
        return reply.string.flatMap(JobState.init(rawValue:)) ?? .unknown
    }

    /// The number of jobs in every state; `.paused` appears only when a legacy 5.x paused list exists.
    public func counts() async throws -> [JobState: Int] {
        let states: [JobState] = [
            .waiting, .active, .delayed, .prioritized, .completed, .failed, .waitingChildren, .paused,
        ]
        let commands = states.map { [$0.isList ? "LLEN" : "ZCARD", keys.key($0)] }
        let replies = try await client.pipeline(commands)
        var counts: [JobState: Int] = [:]
        for (state, reply) in zip(states, replies) {
            let count = try reply.get().int ?? 0
            if state != .paused || count > 0 { counts[state] = count }
        }
        return counts
    }

    /// Jobs in `state`, positions `range` (0-based, inclusive bounds like LRANGE); newest first unless
    /// `ascending`. Jobs that vanish between the two reads are skipped.
    public func jobs(in state: JobState, range: ClosedRange<Int> = 0...99, ascending: Bool = false) async throws
        -> [Job]
    {
        let key = keys.key(state)
        let ids: [String]
        if state.isList {
            // Lists hold the newest at the left (LPUSH).
            if ascending {
                let reply = try await client.send(
                    "LRANGE", key, String(-(range.upperBound + 1)), String(-(range.lowerBound + 1)))
                ids = (reply.array ?? []).compactMap(\.string).reversed()
            } else {
                ids =
                    (try await client.send("LRANGE", key, String(range.lowerBound), String(range.upperBound)).array
                    ?? [])
                    .compactMap(\.string)
            }
        } else {
            let command = ascending ? "ZRANGE" : "ZREVRANGE"
            ids = (try await client.send(command, key, String(range.lowerBound), String(range.upperBound)).array ?? [])
                .compactMap(\.string)
        }
        return try await jobs(ids)
    }

    /// Jobs in the finished set `state` (`.completed` or `.failed`, scored by `finishedOn`) that finished
    /// within `finishedOn` (ms since 1970, inclusive), oldest first, at most `limit`. Jobs that vanish between
    /// the two reads are skipped.
    ///
    /// - Throws: `QueueError(.invalidOption)` for another state or a `limit` below 1.
    public func finishedJobs(in state: JobState, finishedOn range: ClosedRange<Int64>, limit: Int = 10_000)
        async throws -> [Job]
    {
        guard state == .completed || state == .failed else {
            throw QueueError(.invalidOption, "finishedJobs reads completed or failed, not \(state.rawValue)")
        }
        guard limit >= 1 else { throw QueueError(.invalidOption, "finishedJobs needs a limit of at least 1") }
        let reply = try await client.send(
            "ZRANGEBYSCORE", keys.key(state), String(range.lowerBound), String(range.upperBound), "LIMIT", "0",
            String(limit))
        return try await jobs((reply.array ?? []).compactMap(\.string))
    }

    /// The jobs of `ids` in one pipelined round trip, skipping ids whose hash is gone.
    private func jobs(_ ids: [String]) async throws -> [Job] {
        guard !ids.isEmpty else { return [] }
        let replies = try await client.pipeline(ids.map { ["HGETALL", keys.key($0)] })
        return try zip(ids, replies).compactMap { id, reply in
            let fields = ScriptReply.hash(try reply.get())
            return fields.isEmpty ? nil : try Job(id: id, fields: fields)
        }
    }

    /// Whether the queue is paused (`meta.paused` exists).
    public func isPaused() async throws -> Bool {
        try await client.send("HEXISTS", keys.meta, "paused").int == 1
    }

    /// The per-minute metrics of finished jobs (`completed` or `failed`).
    public func metrics(_ state: JobState) async throws -> QueueMetrics {
        let replies = try await client.pipeline([
            ["HMGET", keys.metrics(state), "count", "prevTS", "prevCount"],
            ["LRANGE", keys.metricsData(state), "0", "-1"],
        ])
        let head = (try replies[0].get().array ?? []).map { $0.string.flatMap { Int64($0) } }
        let data = (try replies[1].get().array ?? []).compactMap { $0.string.flatMap { Int($0) } }
        return QueueMetrics(
            count: head.first.flatMap { $0 } ?? 0, previousTimestamp: head.dropFirst().first.flatMap { $0 },
            previousCount: head.dropFirst(2).first.flatMap { $0 } ?? 0, perMinute: data)
    }
}
