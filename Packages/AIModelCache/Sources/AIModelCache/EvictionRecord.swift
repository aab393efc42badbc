import Foundation

/// One eviction, as kept in the eviction log and passed to the eviction sink.
///
/// JSON field names: `userId`, `modelType`, `reason`, `idleTimeMs`, `timestamp`.
public struct EvictionRecord: Codable, Sendable, Equatable {
    /// The evicted key, as text (`String(describing:)`).
    public var userId: String
    /// The cache's name, e.g. `social` or `advertising`.
    public var modelType: String
    /// Why the entry left.
    public var reason: EvictionReason
    /// Milliseconds since the entry was last used.
    public var idleTimeMs: Double
    /// Wall-clock time of the eviction. Synthesized `Codable` leaves its JSON form to the encoder's date
    /// strategy (JSONEncoder's default is seconds since 2001): APIs should pick one (Monitoring writes ISO 8601).
    public var timestamp: Date

    /// Creates a record.
    public init(userId: String, modelType: String, reason: EvictionReason, idleTimeMs: Double, timestamp: Date) {
        self.userId = userId
        self.modelType = modelType
        self.reason = reason
        self.idleTimeMs = idleTimeMs
        self.timestamp = timestamp
    }
}

/// Receives every eviction, after the cache's lock is released, on the evicting caller's thread; must be
/// quick and must not call back into the cache synchronously.
public typealias EvictionSink = @Sendable (EvictionRecord) -> Void
