/// BullMQ's per-minute metrics of finished jobs (`metrics:completed` / `metrics:failed`).
public struct QueueMetrics: Sendable, Hashable {
    /// Jobs finished since metrics were first collected.
    public var count: Int64
    /// When the last per-minute point was written (ms since 1970).
    public var previousTimestamp: Int64?
    /// `count` when that point was written; `count - previousCount` finished in the current partial minute.
    public var previousCount: Int64
    /// Jobs per minute, newest minute first (index 0 is the minute before `previousTimestamp`'s minute).
    public var perMinute: [Int]
}
