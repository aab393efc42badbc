import Monitoring

/// What the API reads from the queue monitor and Redis, as closures so the routes are tested with
/// fixed snapshots and the live wiring stays in one place (``QueueSource/live(monitor:redis:)``).
struct QueueSource: Sendable {
    /// The monitor's current state (cheap: an actor read, no Redis round trip).
    var snapshot: @Sendable () async -> MonitorSnapshot
    /// The retained samples of one queue, oldest first; nil when the queue is not monitored.
    var history: @Sendable (_ queue: String) async -> [QueueSample]?
    /// One PING round trip to Redis; throws with the address and the cause when Redis does not answer.
    var ping: @Sendable () async throws -> Void
}
