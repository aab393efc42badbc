import Synchronization

/// Entries kept in memory, oldest first, bounded by a retention and by a count (the oldest dropped first): the
/// storage of the memory stores (``MemoryAlertHistoryStore``, ``MemoryAuditStore``).
///
/// Thread-safe (a `Mutex`); every call returns at once.
final class RetainedEntries<Entry: Sendable>: Sendable {
    /// How long entries are kept.
    let retention: Duration
    /// The most entries kept.
    let capacity: Int
    private let now: @Sendable () -> Int64
    private let time: @Sendable (Entry) -> Int64
    /// Oldest first.
    private let storage = Mutex<[Entry]>([])

    /// An empty store; `time` is an entry's instant, ms since 1970; `now` the clock.
    init(
        retention: Duration, capacity: Int, now: @escaping @Sendable () -> Int64,
        time: @escaping @Sendable (Entry) -> Int64
    ) {
        self.retention = retention
        self.capacity = max(capacity, 1)
        self.now = now
        self.time = time
    }

    /// The oldest instant kept at `nowMs`.
    private func cutoff(_ nowMs: Int64) -> Int64 { nowMs - retention.wholeMilliseconds }

    /// Appends `entries` and drops what is too old or beyond the capacity.
    func append(_ entries: [Entry]) {
        let cutoff = cutoff(now())
        storage.withLock { stored in
            stored.append(contentsOf: entries)
            stored.removeAll { time($0) < cutoff }
            if stored.count > capacity { stored.removeFirst(stored.count - capacity) }
        }
    }

    /// At most `limit` entries inside the retention that pass `filter`, newest first.
    func newest(limit: Int, where filter: (Entry) -> Bool) -> [Entry] {
        let cutoff = cutoff(now())
        return storage.withLock { stored in
            var found: [Entry] = []
            for entry in stored.reversed() where time(entry) >= cutoff && filter(entry) {
                found.append(entry)
                if found.count >= limit { break }
            }
            return found
        }
    }

    /// Drops the entries observed before `nowMs` minus the retention; returns how many.
    func deleteExpired(nowMs: Int64) -> Int {
        let cutoff = cutoff(nowMs)
        return storage.withLock { stored in
            let before = stored.count
            stored.removeAll { time($0) < cutoff }
            return before - stored.count
        }
    }

    /// How many entries are kept now.
    var count: Int { storage.withLock { $0.count } }
}
