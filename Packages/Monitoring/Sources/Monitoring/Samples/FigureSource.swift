/// Where a window figure came from, best first (the order the collector tries them).
public enum FigureSource: String, Codable, Sendable, CaseIterable {
    /// Our workers' own per-queue counters (exact).
    case workerCounters
    /// BullMQ's `metrics:completed` / `metrics:failed` counters, kept by workers with metrics enabled (exact).
    case bullmqMetrics
    /// The queue's `events` stream (exact only while it still holds the whole window).
    case eventsStream
    /// The most recent finished jobs still stored (a lower bound when jobs are removed on finish).
    case finishedJobs
    /// No source could measure it; the value is nil.
    case unavailable
}
