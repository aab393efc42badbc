/// The cache's storage and eviction logic: an intrusive LRU list in one array of slots, indexed by an
/// open-addressing hash table of slot numbers. Pure logic — no locks, no clock, no I/O — so every decision
/// is tested in memory against a simple model.
///
/// - Slots are reused through a free list, so entries are not separate allocations and moving an entry to
///   the front touches only `Int32` links (no reference counting).
/// - The hash table has a fixed power-of-two size of at least twice the entry bound, so it never grows;
///   linear probing with backward-shift deletion (no tombstones). Callers pass the key's hash, computed
///   before taking the lock.
/// - The list runs from the most recently used (`head`) to the least (`tail`); last-use times never
///   decrease towards the head, so idle entries form a suffix at the tail.
///
/// All operations are O(1) except `sweepIdle` and `removeAll`, which are O(entries removed).
@usableFromInline
struct LRUTable<Key: Hashable, Value> {
    /// An entry that left the table, with what the owner needs to report it.
    @usableFromInline
    struct Removed {
        @usableFromInline var key: Key
        @usableFromInline var value: Value
        @usableFromInline var reason: EvictionReason
        @usableFromInline var idleNanoseconds: UInt64

        @inlinable
        init(key: Key, value: Value, reason: EvictionReason, idleNanoseconds: UInt64) {
            self.key = key
            self.value = value
            self.reason = reason
            self.idleNanoseconds = idleNanoseconds
        }
    }

    /// The outcome of a lookup.
    @usableFromInline
    enum Lookup {
        case hit(Value)
        case expired(Removed)
        case miss
    }

    /// An entry's cold part: touched on lookup (hash, key, value) and on insert/remove (bytes).
    @usableFromInline
    struct Slot {
        @usableFromInline var key: Key?
        @usableFromInline var value: Value?
        @usableFromInline var hash: Int
        @usableFromInline var bytes: Int

        @inlinable
        init(key: Key?, value: Value?, hash: Int, bytes: Int) {
            self.key = key
            self.value = value
            self.hash = hash
            self.bytes = bytes
        }
    }

    /// An entry's hot part, kept in its own compact array: moving an entry to the front rewrites the links
    /// of two random neighbours, which then share cache lines with other links instead of each costing
    /// a whole slot's line.
    @usableFromInline
    struct Link {
        @usableFromInline var previous: Int32
        @usableFromInline var next: Int32
        @usableFromInline var lastUse: UInt64

        @inlinable
        init(previous: Int32, next: Int32, lastUse: UInt64) {
            self.previous = previous
            self.next = next
            self.lastUse = lastUse
        }
    }

    @inlinable static var none: Int32 { -1 }

    @usableFromInline let maxEntries: Int
    @usableFromInline let maxBytes: Int?
    @usableFromInline let idleTimeout: UInt64
    // Internal (not private) only so the inlinable hit path can reach them; nothing else touches them.
    @usableFromInline var slots: [Slot] = []
    @usableFromInline var links: [Link] = []
    @usableFromInline var buckets: [Int32]
    @usableFromInline let bucketMask: Int
    @usableFromInline var head: Int32 = none
    @usableFromInline var tail: Int32 = none
    @usableFromInline var freeList: Int32 = none
    @usableFromInline var count = 0
    @usableFromInline var totalBytes = 0

    /// Creates an empty table; `maxEntries` ≥ 1, `maxBytes` ≥ 1 when given, `idleTimeout` in nanoseconds.
    @usableFromInline
    init(maxEntries: Int, maxBytes: Int?, idleTimeout: UInt64) {
        precondition(maxEntries >= 1 && maxEntries <= 1 << 28, "maxEntries out of range")
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.idleTimeout = idleTimeout
        var size = 8
        while size < maxEntries * 2 { size <<= 1 }
        self.buckets = Array(repeating: Self.none, count: size)
        self.bucketMask = size - 1
        slots.reserveCapacity(min(maxEntries, 1024))
        links.reserveCapacity(min(maxEntries, 1024))
    }

    // MARK: Queries

    /// Whether an entry last used at `lastUse` is idle longer than the timeout at `now`.
    @inlinable
    func isIdle(lastUse: UInt64, now: UInt64) -> Bool {
        idleNanoseconds(lastUse: lastUse, now: now) > idleTimeout
    }

    @inlinable
    func idleNanoseconds(lastUse: UInt64, now: UInt64) -> UInt64 {
        now >= lastUse ? now - lastUse : 0
    }

    /// The last-use time for an entry becoming the most recent: `now`, or the head's time if that is
    /// later. Callers read the clock before taking the lock, so two threads can arrive in the opposite
    /// order of their readings; this keeps times non-decreasing towards the head (idle entries stay a
    /// suffix) at the cost of dating such an entry a few microseconds late.
    @inlinable
    func stamp(_ now: UInt64) -> UInt64 {
        head == Self.none ? now : max(now, links[Int(head)].lastUse)
    }

    /// The slot holding `key`, if any.
    @inlinable
    func slotIndex(of key: Key, hash: Int) -> Int32? {
        var bucket = hash & bucketMask
        while true {
            let slot = buckets[bucket]
            if slot == Self.none { return nil }
            if slots[Int(slot)].hash == hash && slots[Int(slot)].key == key { return slot }
            bucket = (bucket &+ 1) & bucketMask
        }
    }

    /// Whether `key` is present (expired or not); does not touch recency.
    func contains(_ key: Key, hash: Int) -> Bool { slotIndex(of: key, hash: hash) != nil }

    /// The keys from most to least recently used (for tests and diagnostics; O(n)).
    var keysByRecency: [Key] {
        var keys: [Key] = []
        var slot = head
        while slot != Self.none {
            keys.append(slots[Int(slot)].key!)
            slot = links[Int(slot)].next
        }
        return keys
    }

    // MARK: Operations

    /// Looks `key` up at `now`: a live entry becomes the most recent and is returned; an idle one is
    /// removed (reason `timeout`) and returned as `expired`, never served.
    @inlinable
    mutating func lookup(_ key: Key, hash: Int, now: UInt64) -> Lookup {
        guard let slot = slotIndex(of: key, hash: hash) else { return .miss }
        let index = Int(slot)
        if isIdle(lastUse: links[index].lastUse, now: now) {
            return .expired(remove(slot: slot, reason: .timeout, now: now))
        }
        links[index].lastUse = stamp(now)
        if head != slot {
            unlink(slot)
            pushFront(slot)
        }
        return .hit(slots[index].value!)
    }

    /// Inserts or replaces `key` as the most recent entry, then restores the bounds: idle entries at the
    /// tail leave first (reason `timeout`), then the least recently used (reason `lru`). A replaced value
    /// is not an eviction. Returns `false` (and stores nothing) when `bytes` alone exceeds `maxBytes`.
    @inlinable @discardableResult
    mutating func insert(
        _ key: Key, hash: Int, value: Value, bytes: Int, now: UInt64, removed: inout [Removed]
    ) -> Bool {
        if let existing = slotIndex(of: key, hash: hash) {
            _ = remove(slot: existing, reason: .manual, now: now)
        }
        if let maxBytes, bytes > maxBytes { return false }
        removeIdle(now: now, into: &removed)
        while count >= maxEntries || (maxBytes.map { totalBytes + bytes > $0 } ?? false) {
            removed.append(remove(slot: tail, reason: .lru, now: now))
        }
        let slot = allocateSlot(
            Slot(key: key, value: value, hash: hash, bytes: bytes),
            Link(previous: Self.none, next: Self.none, lastUse: stamp(now)))
        insertBucket(slot, hash: hash)
        pushFront(slot)
        count += 1
        totalBytes += bytes
        return true
    }

    /// Removes `key` (reason `manual`), if present.
    mutating func remove(_ key: Key, hash: Int, now: UInt64) -> Removed? {
        guard let slot = slotIndex(of: key, hash: hash) else { return nil }
        return remove(slot: slot, reason: .manual, now: now)
    }

    /// Removes every entry (reason `manual`), least recently used first.
    mutating func removeAll(now: UInt64, into removed: inout [Removed]) {
        while tail != Self.none { removed.append(remove(slot: tail, reason: .manual, now: now)) }
    }

    /// Removes every entry idle longer than the timeout at `now` (reason `timeout`), oldest first.
    @inlinable
    mutating func removeIdle(now: UInt64, into removed: inout [Removed]) {
        while tail != Self.none && isIdle(lastUse: links[Int(tail)].lastUse, now: now) {
            removed.append(remove(slot: tail, reason: .timeout, now: now))
        }
    }

    // MARK: Slots and links

    @inlinable
    mutating func remove(slot: Int32, reason: EvictionReason, now: UInt64) -> Removed {
        let index = Int(slot)
        removeBucket(of: slot)
        unlink(slot)
        let removed = Removed(
            key: slots[index].key.take()!, value: slots[index].value.take()!, reason: reason,
            idleNanoseconds: idleNanoseconds(lastUse: links[index].lastUse, now: now))
        count -= 1
        totalBytes -= slots[index].bytes
        links[index].next = freeList
        freeList = slot
        return removed
    }

    @inlinable
    mutating func allocateSlot(_ contents: Slot, _ link: Link) -> Int32 {
        if freeList != Self.none {
            let slot = freeList
            freeList = links[Int(slot)].next
            slots[Int(slot)] = contents
            links[Int(slot)] = link
            return slot
        }
        slots.append(contents)
        links.append(link)
        return Int32(slots.count - 1)
    }

    @inlinable
    mutating func unlink(_ slot: Int32) {
        let previous = links[Int(slot)].previous
        let next = links[Int(slot)].next
        if previous != Self.none { links[Int(previous)].next = next } else { head = next }
        if next != Self.none { links[Int(next)].previous = previous } else { tail = previous }
        links[Int(slot)].previous = Self.none
        links[Int(slot)].next = Self.none
    }

    @inlinable
    mutating func pushFront(_ slot: Int32) {
        links[Int(slot)].previous = Self.none
        links[Int(slot)].next = head
        if head != Self.none { links[Int(head)].previous = slot } else { tail = slot }
        head = slot
    }

    @inlinable
    mutating func insertBucket(_ slot: Int32, hash: Int) {
        var bucket = hash & bucketMask
        while buckets[bucket] != Self.none { bucket = (bucket &+ 1) & bucketMask }
        buckets[bucket] = slot
    }

    /// Backward-shift deletion: later entries of the probe run move into the hole unless their home
    /// bucket lies cyclically after it, so lookups never need tombstones.
    @inlinable
    mutating func removeBucket(of slot: Int32) {
        var hole = slots[Int(slot)].hash & bucketMask
        while buckets[hole] != slot { hole = (hole &+ 1) & bucketMask }
        var probe = hole
        while true {
            probe = (probe &+ 1) & bucketMask
            let candidate = buckets[probe]
            if candidate == Self.none { break }
            let home = slots[Int(candidate)].hash & bucketMask
            let homeInGap = hole <= probe ? (home > hole && home <= probe) : (home > hole || home <= probe)
            if homeInGap { continue }
            buckets[hole] = candidate
            hole = probe
        }
        buckets[hole] = Self.none
    }

    // MARK: Invariants

    /// Checks every structural invariant; traps with a description on the first violation. O(capacity).
    func checkInvariants() {
        var seen = 0
        var bytes = 0
        var slot = head
        var previous = Self.none
        var lastUse = UInt64.max
        while slot != Self.none {
            let entry = slots[Int(slot)]
            let link = links[Int(slot)]
            precondition(link.previous == previous, "broken back link at slot \(slot)")
            precondition(entry.key != nil && entry.value != nil, "live slot \(slot) is empty")
            precondition(link.lastUse <= lastUse, "recency order broken at slot \(slot)")
            precondition(slotIndex(of: entry.key!, hash: entry.hash) == slot, "slot \(slot) unreachable by hash")
            lastUse = link.lastUse
            bytes += entry.bytes
            seen += 1
            precondition(seen <= count, "list longer than count (cycle?)")
            previous = slot
            slot = link.next
        }
        precondition(previous == tail, "tail is not the last list node")
        precondition(seen == count, "list has \(seen) entries, count is \(count)")
        precondition(bytes == totalBytes, "bytes \(bytes) != totalBytes \(totalBytes)")
        precondition(count <= maxEntries, "count \(count) above maxEntries \(maxEntries)")
        if let maxBytes { precondition(totalBytes <= maxBytes, "bytes above maxBytes") }
        precondition(buckets.lazy.filter { $0 != Self.none }.count == count, "bucket count != count")
        var free = 0
        slot = freeList
        while slot != Self.none {
            precondition(slots[Int(slot)].key == nil, "free slot \(slot) holds a key")
            free += 1
            slot = links[Int(slot)].next
        }
        precondition(links.count == slots.count, "links and slots differ in length")
        precondition(free + count == slots.count, "slots leaked: \(free) free + \(count) live != \(slots.count)")
    }
}

extension LRUTable: Sendable where Key: Sendable, Value: Sendable {}
extension LRUTable.Removed: Sendable where Key: Sendable, Value: Sendable {}
extension LRUTable.Lookup: Sendable where Key: Sendable, Value: Sendable {}
extension LRUTable.Slot: Sendable where Key: Sendable, Value: Sendable {}
extension LRUTable.Link: Sendable {}
