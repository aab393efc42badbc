/// Which history entries a caller wants: a time window, optionally one state and one subject, newest first.
public struct AlertHistoryQuery: Sendable, Equatable {
    /// The most entries one query returns.
    public static let maxLimit = 10_000

    /// Entries observed at or after this instant, ms since 1970.
    public var sinceMs: Int64
    /// Only entries that left the key in this state (`firing`: fired and repeated; `resolved`); nil for all.
    /// `pending`, `unknown` and `inactive` are never recorded, so they match nothing.
    public var state: AlertState?
    /// Only entries about this subject (a queue name, a cache, `redis`, `process`); nil for all.
    public var subject: String?
    /// At most this many entries, the newest. Default 1000.
    public var limit: Int

    /// Creates a query; `limit` is clamped to 1...``maxLimit``.
    public init(sinceMs: Int64, state: AlertState? = nil, subject: String? = nil, limit: Int = 1000) {
        self.sinceMs = sinceMs
        self.state = state
        self.subject = subject
        self.limit = min(max(limit, 1), Self.maxLimit)
    }

    /// The transition kinds ``state`` selects; nil when every kind matches.
    public var kinds: [AlertTransition.Kind]? {
        switch state {
        case nil: nil
        case .firing: [.fired, .repeated]
        case .resolved: [.resolved]
        case .pending, .unknown, .inactive: []
        }
    }

    /// Whether `entry` is in the window and passes the filters.
    public func matches(_ entry: AlertHistoryEntry) -> Bool {
        entry.timeMs >= sinceMs && (kinds?.contains(entry.kind) ?? true)
            && (subject.map { $0 == entry.subject } ?? true)
    }
}
