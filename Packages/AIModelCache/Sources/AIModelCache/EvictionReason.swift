/// Why an entry left the cache; the raw values are the spec's (`lru`, `timeout`, `manual`).
public enum EvictionReason: String, Codable, Sendable, CaseIterable {
    /// Evicted as the least recently used entry to respect the entry or byte bound.
    case lru
    /// Idle longer than the idle timeout (found by a sweep, a lookup or an insert).
    case timeout
    /// Removed by `evict(_:)` or `evictAll()`.
    case manual
}
