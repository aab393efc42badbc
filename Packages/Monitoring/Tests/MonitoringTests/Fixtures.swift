@testable import Monitoring

/// Small builders shared by the pure-logic tests.
enum Fixtures {
    static let redis = RedisStats(
        latencyMs: 0.4, usedMemoryBytes: 2_097_152, peakMemoryBytes: 4_194_304, maxMemoryBytes: 0,
        maxMemoryPolicy: "noeviction")

    static func sample(
        queue: String = "email", at timestampMs: Int64 = 1_000_000, counts: JobCounts = JobCounts(), stalled: Int = 0,
        completed: Int? = 0, failed: Int? = 0, latencyMs: Double = 0.4, oldestAgeMs: Int64? = nil
    ) -> QueueSample {
        var redis = Self.redis
        redis.latencyMs = latencyMs
        let window = WindowFigures(
            startMs: timestampMs - 60_000, endMs: timestampMs,
            completed: WindowFigure(
                value: completed, source: completed == nil ? .unavailable : .workerCounters, exact: true),
            failed: WindowFigure(value: failed, source: failed == nil ? .unavailable : .workerCounters, exact: true),
            retries: .unavailable, averageProcessingMs: .unavailable)
        return QueueSample(
            queue: queue, timestampMs: timestampMs, counts: counts, stalled: stalled, paused: false,
            oldestWaitingAgeMs: oldestAgeMs, window: window, redis: redis)
    }
}
