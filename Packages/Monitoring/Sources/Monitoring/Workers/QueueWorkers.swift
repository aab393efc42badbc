/// The workers of one queue, ours and other clients', as `CLIENT LIST` shows them under BullMQ's client-name
/// conventions (see ``WorkerCensus`` for the rule), or unknown when Redis refused `CLIENT LIST`.
///
/// JSON: `{"count", "ours", "others", "workers": [{"client", "name", "address"}], "reason"}`; `count`, `ours`
/// and `others` are null when unknown (never a made-up 0), `reason` says why.
public struct QueueWorkers: Codable, Sendable, Equatable {
    /// One worker: which client it is, its worker name and where it connects from.
    public struct Worker: Codable, Sendable, Equatable, Comparable {
        /// Which client runs it, as told by its connections' names.
        public enum Client: String, Codable, Sendable, Comparable {
            /// One of ours: a Node-named and a Python-named connection from one host with one worker name.
            case ours
            /// A connection named `<prefix>:<base64(queue)>` without a Python-named partner: Node BullMQ.
            case node
            /// A connection named `<prefix>:<queue>` without a Node-named partner: Python bullmq.
            case python

            public static func < (lhs: Client, rhs: Client) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        /// Which client runs it.
        public var client: Client
        /// The worker's name (the `:w:<name>` suffix); nil when unnamed.
        public var name: String?
        /// `host:port` of its (Node-named, for ours) connection.
        public var address: String

        /// Creates a worker entry.
        public init(client: Client, name: String?, address: String) {
            self.client = client
            self.name = name
            self.address = address
        }

        public static func < (lhs: Worker, rhs: Worker) -> Bool {
            (lhs.client, lhs.name ?? "", lhs.address) < (rhs.client, rhs.name ?? "", rhs.address)
        }
    }

    /// The workers found, sorted by client, name and address; empty when unknown.
    public var workers: [Worker]
    /// Why the workers are unknown (Redis refused `CLIENT LIST`); nil when known.
    public var reason: String?

    /// Workers read from `CLIENT LIST`.
    public init(workers: [Worker]) {
        self.workers = workers.sorted()
        reason = nil
    }

    /// Workers that could not be read, and why.
    public static func unknown(_ reason: String) -> QueueWorkers {
        var result = QueueWorkers(workers: [])
        result.reason = reason
        return result
    }

    /// Whether `CLIENT LIST` could be read.
    public var isKnown: Bool { reason == nil }
    /// Workers of the queue; nil when unknown.
    public var count: Int? { isKnown ? workers.count : nil }
    /// Our workers; nil when unknown.
    public var ours: Int? { isKnown ? workers.filter { $0.client == .ours }.count : nil }
    /// Other clients' workers (Node or Python BullMQ); nil when unknown.
    public var others: Int? { isKnown ? workers.filter { $0.client != .ours }.count : nil }
}

extension QueueWorkers {
    private enum CodingKeys: String, CodingKey { case count, ours, others, workers, reason }

    /// Reads the JSON of ``encode(to:)`` (the counts are derived, not read).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(workers: try container.decodeIfPresent([Worker].self, forKey: .workers) ?? [])
        reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }

    /// Writes the counts (null when unknown), the workers and, when unknown, the reason.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(ours, forKey: .ours)
        try container.encode(others, forKey: .others)
        try container.encode(workers, forKey: .workers)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
