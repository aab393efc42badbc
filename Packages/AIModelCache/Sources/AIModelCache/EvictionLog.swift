/// The last N evictions of a cache (a ring buffer; default N is 1,000), oldest dropped first.
///
/// Thread-safe (its own `Mutex`, separate from the cache's so the hit path never waits on it).
public final class EvictionLog: Sendable {
    private struct Ring {
        var records: [EvictionRecord] = []
        var next = 0
    }

    /// The most records kept.
    public let capacity: Int
    private let ring: StateLock<Ring>

    /// Creates an empty log keeping the last `capacity` (≥ 1) records.
    public init(capacity: Int = 1000) {
        precondition(capacity >= 1, "EvictionLog capacity must be at least 1")
        self.capacity = capacity
        self.ring = StateLock(Ring())
    }

    /// Appends records, dropping the oldest beyond `capacity`.
    public func append(contentsOf records: [EvictionRecord]) {
        ring.withLock { ring in
            for record in records {
                if ring.records.count < capacity {
                    ring.records.append(record)
                } else {
                    ring.records[ring.next] = record
                }
                ring.next = (ring.next + 1) % capacity
            }
        }
    }

    /// The most recent records, oldest first; at most `limit` (default: all kept).
    public func recent(limit: Int? = nil) -> [EvictionRecord] {
        let ordered = ring.withLock { ring -> [EvictionRecord] in
            guard ring.records.count == capacity else { return ring.records }
            return Array(ring.records[ring.next...] + ring.records[..<ring.next])
        }
        guard let limit, limit < ordered.count else { return ordered }
        return Array(ordered.suffix(max(limit, 0)))
    }
}
