/// Redis as seen by one collection: round-trip latency and memory (`INFO memory`).
public struct RedisStats: Codable, Sendable, Equatable {
    /// Median of several PING round trips, in milliseconds (what `maxRedisLatency` compares).
    public var latencyMs: Double
    /// `used_memory`, bytes.
    public var usedMemoryBytes: Int64
    /// `used_memory_peak`, bytes.
    public var peakMemoryBytes: Int64
    /// `maxmemory`, bytes; 0 means no limit.
    public var maxMemoryBytes: Int64
    /// `maxmemory_policy`; BullMQ needs `noeviction`.
    public var maxMemoryPolicy: String
    /// `connected_clients` (`INFO clients`); nil when not read.
    public var connectedClients: Int?

    /// Creates stats; `connectedClients` unknown unless given.
    public init(
        latencyMs: Double, usedMemoryBytes: Int64, peakMemoryBytes: Int64, maxMemoryBytes: Int64,
        maxMemoryPolicy: String, connectedClients: Int? = nil
    ) {
        self.latencyMs = latencyMs
        self.usedMemoryBytes = usedMemoryBytes
        self.peakMemoryBytes = peakMemoryBytes
        self.maxMemoryBytes = maxMemoryBytes
        self.maxMemoryPolicy = maxMemoryPolicy
        self.connectedClients = connectedClients
    }

    /// `used_memory` in MB (1,048,576 bytes), for the JSON API's MB unit.
    public var usedMemoryMB: Double { Double(usedMemoryBytes) / 1_048_576 }
}

extension RedisStats {
    private enum DerivedKeys: String, CodingKey { case usedMemoryMB }
    private enum CodingKeys: String, CodingKey {
        case latencyMs, usedMemoryBytes, peakMemoryBytes, maxMemoryBytes, maxMemoryPolicy, connectedClients
    }

    /// Encodes the stored fields (`connectedClients` null when unknown) plus `usedMemoryMB`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latencyMs, forKey: .latencyMs)
        try container.encode(usedMemoryBytes, forKey: .usedMemoryBytes)
        try container.encode(peakMemoryBytes, forKey: .peakMemoryBytes)
        try container.encode(maxMemoryBytes, forKey: .maxMemoryBytes)
        try container.encode(maxMemoryPolicy, forKey: .maxMemoryPolicy)
        try container.encode(connectedClients, forKey: .connectedClients)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(usedMemoryMB, forKey: .usedMemoryMB)
    }
}
