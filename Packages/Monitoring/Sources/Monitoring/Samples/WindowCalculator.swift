/// Turns a queue reading (and the previous one) into a sample, taking each window figure from the best
/// source available: our workers' counters, BullMQ's metrics counters, the events stream, the stored
/// finished jobs. Pure logic.
///
/// Counters give exact figures only as a difference of two readings, so the first reading of a queue
/// (or one after a counter reset) falls through to the events stream and stored jobs.
public enum WindowCalculator {
    /// The sample for `reading`; `previous` is the last reading of the same queue (nil on the first), and
    /// `windowStartMs` is where the window starts (the previous reading's time, or one interval back).
    public static func sample(
        from reading: QueueReading, previous: QueueReading?, windowStartMs: Int64, redis: RedisStats
    ) -> QueueSample {
        var completed = WindowFigure<Int>.unavailable
        var failed = WindowFigure<Int>.unavailable
        var retries = WindowFigure<Int>.unavailable
        var processing = WindowFigure<Double>.unavailable

        // Each source in order; a counter source counts only when its previous total is known and did not go back.
        let counterSources: [(FigureSource, KeyPath<QueueReading, QueueReading.Totals?>)] = [
            (.workerCounters, \.workerCounters), (.bullmqMetrics, \.bullmqMetrics),
        ]
        for (source, path) in counterSources {
            guard let now = reading[keyPath: path], let before = previous?[keyPath: path],
                now.completed >= before.completed, now.failed >= before.failed
            else { continue }
            let finishedDelta = (now.completed - before.completed) + (now.failed - before.failed)
            if completed.source == .unavailable {
                completed = WindowFigure(value: Int(now.completed - before.completed), source: source, exact: true)
                failed = WindowFigure(value: Int(now.failed - before.failed), source: source, exact: true)
            }
            if retries.source == .unavailable, let nowRetries = now.retries, let beforeRetries = before.retries,
                nowRetries >= beforeRetries
            {
                retries = WindowFigure(value: Int(nowRetries - beforeRetries), source: source, exact: true)
            }
            if processing.source == .unavailable, let nowSum = now.processingMsTotal,
                let beforeSum = before.processingMsTotal, nowSum >= beforeSum, finishedDelta > 0
            {
                processing = WindowFigure(
                    value: Double(nowSum - beforeSum) / Double(finishedDelta), source: source, exact: true)
            }
        }
        if let events = reading.events {
            if completed.source == .unavailable {
                completed = WindowFigure(value: events.completed, source: .eventsStream, exact: events.coversWindow)
                failed = WindowFigure(value: events.failed, source: .eventsStream, exact: events.coversWindow)
            }
            if retries.source == .unavailable {
                retries = WindowFigure(value: events.retries, source: .eventsStream, exact: events.coversWindow)
            }
        }
        if let stored = reading.storedFinished {
            if completed.source == .unavailable {
                completed = WindowFigure(value: stored.completed, source: .finishedJobs, exact: false)
                failed = WindowFigure(value: stored.failed, source: .finishedJobs, exact: false)
            }
            if processing.source == .unavailable, !stored.processingMs.isEmpty {
                let mean = Double(stored.processingMs.reduce(0, +)) / Double(stored.processingMs.count)
                processing = WindowFigure(value: mean, source: .finishedJobs, exact: false)
            }
        }
        let window = WindowFigures(
            startMs: windowStartMs, endMs: reading.timestampMs, completed: completed, failed: failed,
            retries: retries, averageProcessingMs: processing)
        let oldestAge = reading.oldestWaitingTimestampMs.map { max(reading.timestampMs - $0, 0) }
        return QueueSample(
            queue: reading.queue, timestampMs: reading.timestampMs, counts: reading.counts, stalled: reading.stalled,
            paused: reading.paused, oldestWaitingAgeMs: oldestAge, window: window, redis: redis)
    }
}
