/// BullMQ's per-minute metrics of one queue (`metrics:completed` and `metrics:failed`), as far as the
/// collector reads them: each hash (`count`, `prevTS`, `prevCount`) and the newest point of its `:data`
/// list. Workers keep them only when metrics are enabled (BullMQ's `metrics.maxDataPoints`, QueueCore's
/// `metricsMaxDataPoints`, on by default); nil when neither hash exists.
///
/// The finishing script counts each job into the minute of `prevTS` until a job finishes in a later minute;
/// that job pushes the closed minute's count, then a zero per idle minute, onto `:data` (newest first) and
/// moves `prevTS` to its own minute. So the minute of `prevTS` holds `count - prevCount` jobs, the minute
/// before it is `:data[0]`, and every minute after it (up to now) held none. QueueCore's `QueueMetrics`
/// reads one queue's whole list for the engine's callers; this reads one point per queue inside the
/// collector's pipeline, for many queues at once, and answers "how many finished in minute m".
public struct MinuteMetrics: Sendable, Equatable {
    /// One hash and the newest point of its list.
    public struct Series: Sendable, Equatable {
        /// Jobs finished since metrics were first collected (`count`).
        public var count: Int64
        /// When the newest point's minute began being counted (`prevTS`, ms since 1970); nil if unset.
        public var previousTimestampMs: Int64?
        /// `count` when the last point was pushed (`prevCount`).
        public var previousCount: Int64
        /// `:data[0]`, the count of the minute before `prevTS`'s minute; nil when the list is empty.
        public var newestPoint: Int64?

        /// Creates a series.
        public init(count: Int64, previousTimestampMs: Int64?, previousCount: Int64, newestPoint: Int64?) {
            self.count = count
            self.previousTimestampMs = previousTimestampMs
            self.previousCount = previousCount
            self.newestPoint = newestPoint
        }

        /// Jobs finished in `minute` (ms since 1970 ÷ 60,000); nil when these fields cannot tell: no
        /// `prevTS`, a minute older than the one point read, or the minute before metrics began.
        public func finished(inMinute minute: Int64) -> Int64? {
            guard let previousTimestampMs else { return nil }
            let counting = previousTimestampMs / MinuteMetrics.minuteMs
            if minute > counting { return 0 }
            if minute == counting { return max(count - previousCount, 0) }
            if minute == counting - 1 { return newestPoint }
            return nil
        }
    }

    /// A minute, in ms.
    public static let minuteMs: Int64 = 60_000

    /// The last minute that has ended at `nowMs` (ms since 1970): the minute before the current one, as
    /// minutes since 1970.
    public static func lastFullMinute(beforeMs nowMs: Int64) -> Int64 { nowMs / minuteMs - 1 }

    /// `metrics:completed`; nil when the hash does not exist.
    public var completed: Series?
    /// `metrics:failed`; nil when the hash does not exist.
    public var failed: Series?

    /// Creates the metrics of a queue.
    public init(completed: Series?, failed: Series?) {
        self.completed = completed
        self.failed = failed
    }

    /// Jobs completed and failed in `minute` (ms since 1970 ÷ 60,000), or nil when either cannot be told.
    /// A kind whose hash does not exist counts 0 while the other kind's hash exists (metrics are on and no
    /// job of that kind has finished since they began).
    public func finished(inMinute minute: Int64) -> (completed: Int64, failed: Int64)? {
        guard completed != nil || failed != nil else { return nil }
        guard let completedCount = completed.map({ $0.finished(inMinute: minute) }) ?? 0,
            let failedCount = failed.map({ $0.finished(inMinute: minute) }) ?? 0
        else { return nil }
        return (completedCount, failedCount)
    }
}
