/// The queue collector's own state, part of `/api/monitoring/queue-metrics`.
public struct CollectionStatus: Codable, Sendable, Equatable {
    /// The last collection succeeded.
    public var ok: Bool
    /// Why the last collection failed, else nil.
    public var lastError: String?
    /// When the last successful collection finished (ISO 8601), nil before the first.
    public var lastSuccess: String?
    /// How long it took, ms.
    public var lastDurationMs: Double?
    /// Collections attempted since start.
    public var collections: Int
    /// Collections failed since start.
    public var failures: Int

    /// The status in `snapshot`.
    public init(_ snapshot: MonitorSnapshot) {
        ok = snapshot.lastError == nil && snapshot.lastSuccessMs != nil
        lastError = snapshot.lastError
        lastSuccess = snapshot.lastSuccessMs.map(MonitoringJSON.timestamp(milliseconds:))
        lastDurationMs = snapshot.lastDurationMs
        collections = snapshot.collections
        failures = snapshot.failures
    }
}
