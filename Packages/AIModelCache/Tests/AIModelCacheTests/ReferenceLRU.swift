@testable import AIModelCache

/// The obviously-correct model the table is checked against: an array from most to least recent.
struct ReferenceLRU<Key: Equatable> {
    struct Entry {
        var key: Key
        var value: Int
        var bytes: Int
        var lastUse: UInt64
    }

    struct Removal: Equatable {
        var key: Key
        var value: Int
        var reason: EvictionReason
        var idle: UInt64
    }

    let maxEntries: Int
    let maxBytes: Int?
    let idleTimeout: UInt64
    var entries: [Entry] = []

    var totalBytes: Int { entries.reduce(0) { $0 + $1.bytes } }

    private func idle(_ entry: Entry, _ now: UInt64) -> UInt64 { now >= entry.lastUse ? now - entry.lastUse : 0 }

    private mutating func removeLast(_ reason: EvictionReason, _ now: UInt64) -> Removal {
        let entry = entries.removeLast()
        return Removal(key: entry.key, value: entry.value, reason: reason, idle: idle(entry, now))
    }

    mutating func lookup(_ key: Key, now: UInt64) -> (value: Int?, removed: Removal?) {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return (nil, nil) }
        var entry = entries.remove(at: index)
        if idle(entry, now) > idleTimeout {
            return (nil, Removal(key: key, value: entry.value, reason: .timeout, idle: idle(entry, now)))
        }
        entry.lastUse = now
        entries.insert(entry, at: 0)
        return (entry.value, nil)
    }

    mutating func insert(_ key: Key, value: Int, bytes: Int, now: UInt64) -> (stored: Bool, removed: [Removal]) {
        entries.removeAll { $0.key == key }
        if let maxBytes, bytes > maxBytes { return (false, []) }
        var removed: [Removal] = []
        while let last = entries.last, idle(last, now) > idleTimeout { removed.append(removeLast(.timeout, now)) }
        while entries.count >= maxEntries || (maxBytes.map { totalBytes + bytes > $0 } ?? false) {
            removed.append(removeLast(.lru, now))
        }
        entries.insert(Entry(key: key, value: value, bytes: bytes, lastUse: now), at: 0)
        return (true, removed)
    }

    mutating func remove(_ key: Key, now: UInt64) -> Removal? {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let entry = entries.remove(at: index)
        return Removal(key: key, value: entry.value, reason: .manual, idle: idle(entry, now))
    }

    mutating func removeIdle(now: UInt64) -> [Removal] {
        var removed: [Removal] = []
        while let last = entries.last, idle(last, now) > idleTimeout { removed.append(removeLast(.timeout, now)) }
        return removed
    }

    mutating func removeAll(now: UInt64) -> [Removal] {
        var removed: [Removal] = []
        while !entries.isEmpty { removed.append(removeLast(.manual, now)) }
        return removed
    }
}
