/// Where the queue collection stands: the `collection` object of `/api/monitoring/queue-metrics`, of each
/// queue's `/api/monitoring/queue-metrics/:queueName` and of `/api/monitoring/queue-health`.
public struct CollectionStatus: Codable, Sendable, Equatable {
    /// The last collection succeeded.
    public var ok: Bool
    /// Why the last collection failed, else nil.
    public var error: String?
    /// When the last successful collection finished (ISO 8601 UTC with ms), nil before the first.
    public var lastSuccess: String?
    /// How long it took, ms.
    public var durationMs: Double?
    /// Collections attempted since start.
    public var collections: Int
    /// Collections failed since start.
    public var failures: Int

    /// The status in `snapshot`.
    public init(_ snapshot: MonitorSnapshot) {
        ok = snapshot.lastError == nil && snapshot.lastSuccessMs != nil
        error = snapshot.lastError
        lastSuccess = snapshot.lastSuccessMs.map(MonitoringJSON.timestamp(milliseconds:))
        durationMs = snapshot.lastDurationMs
        collections = snapshot.collections
        failures = snapshot.failures
    }
}
