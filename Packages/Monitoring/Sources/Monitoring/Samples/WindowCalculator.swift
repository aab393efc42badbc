/// Turns a queue reading (and the previous one) into a sample, taking each window figure from the best
/// source available: our workers' counters, BullMQ's metrics counters, the events stream, the stored
/// finished jobs. When other clients' workers share the queue (or the workers are unknown), the events stream
/// comes first while it holds the whole window and counter figures are partial, with a reason
/// (``FleetExactness``). Pure logic.
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

        // With other clients' workers on the queue (or unknown workers) the counters are partial: the events
        // stream comes first when it holds the whole window, and the counters are labelled with the reason.
        let fleet = FleetExactness.partialReason(now: reading.workers, before: previous?.workers)
        if fleet != nil, let events = reading.events, events.coversWindow {
            completed = WindowFigure(value: events.completed, source: .eventsStream, exact: true)
            failed = WindowFigure(value: events.failed, source: .eventsStream, exact: true)
            retries = WindowFigure(value: events.retries, source: .eventsStream, exact: true)
        }
        // Each source in order (BullMQ's metrics first in a shared queue: they may count other clients' jobs);
        // a counter source counts only when its previous total is known and did not go back.
        let counterSources: [(FigureSource, KeyPath<QueueReading, QueueReading.Totals?>)] =
            fleet == nil
            ? [(.workerCounters, \.workerCounters), (.bullmqMetrics, \.bullmqMetrics)]
            : [(.bullmqMetrics, \.bullmqMetrics), (.workerCounters, \.workerCounters)]
        for (source, path) in counterSources {
            guard let now = reading[keyPath: path], let before = previous?[keyPath: path],
                now.completed >= before.completed, now.failed >= before.failed
            else { continue }
            let exact = fleet == nil
            let reason = fleet.map { FleetExactness.reason(source, fleet: $0) }
            let finishedDelta = (now.completed - before.completed) + (now.failed - before.failed)
            if completed.source == .unavailable {
                completed = WindowFigure(
                    value: Int(now.completed - before.completed), source: source, exact: exact, reason: reason)
                failed = WindowFigure(
                    value: Int(now.failed - before.failed), source: source, exact: exact, reason: reason)
            }
            if retries.source == .unavailable, let nowRetries = now.retries, let beforeRetries = before.retries,
                nowRetries >= beforeRetries
            {
                retries = WindowFigure(
                    value: Int(nowRetries - beforeRetries), source: source, exact: exact, reason: reason)
            }
            if processing.source == .unavailable, let nowSum = now.processingMsTotal,
                let beforeSum = before.processingMsTotal, nowSum >= beforeSum, finishedDelta > 0
            {
                processing = WindowFigure(
                    value: Double(nowSum - beforeSum) / Double(finishedDelta), source: source, exact: exact,
                    reason: reason)
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
        if let stored = reading.storedFinished, completed.source == .unavailable {
            completed = WindowFigure(value: stored.completed, source: .finishedJobs, exact: false)
            failed = WindowFigure(value: stored.failed, source: .finishedJobs, exact: false)
        }
        if processing.source == .unavailable { processing = storedProcessing(reading) }
        let window = WindowFigures(
            startMs: windowStartMs, endMs: reading.timestampMs, completed: completed, failed: failed,
            retries: retries, averageProcessingMs: processing)
        return sample(reading, window: window, redis: redis)
    }

    /// The sample of the last full minute before the reading, from a reading of
    /// ``QueueCollector/readLastMinute(_:retries:nowMs:)`` (no previous reading needed).
    ///
    /// Completed and failed come from BullMQ's per-minute metrics, else from the events stream when it
    /// still holds the whole minute, else they are unavailable: never counts of the stored finished jobs,
    /// which `removeOnComplete` empties, so a zero there would only look measured. Retries come from the
    /// events stream when it holds the minute, the processing time from the stored jobs finished in it.
    public static func lastMinuteSample(from reading: QueueReading, redis: RedisStats) -> QueueSample {
        let minute = MinuteMetrics.lastFullMinute(beforeMs: reading.timestampMs)
        var completed = WindowFigure<Int>.unavailable
        var failed = WindowFigure<Int>.unavailable
        var retries = WindowFigure<Int>.unavailable
        // In a shared queue (or with unknown workers) the stream, when it holds the minute, comes first and
        // the per-minute metrics are partial (see ``FleetExactness``).
        let fleet = FleetExactness.partialReason(now: reading.workers, before: nil)
        let streamFirst = fleet != nil && reading.events?.coversWindow == true
        if !streamFirst, let counts = reading.bullmqMinutes?.finished(inMinute: minute) {
            let reason = fleet.map { FleetExactness.reason(.bullmqMetrics, fleet: $0) }
            completed = WindowFigure(
                value: Int(counts.completed), source: .bullmqMetrics, exact: fleet == nil, reason: reason)
            failed = WindowFigure(
                value: Int(counts.failed), source: .bullmqMetrics, exact: fleet == nil, reason: reason)
        }
        if let events = reading.events, events.coversWindow {
            if completed.source == .unavailable {
                completed = WindowFigure(value: events.completed, source: .eventsStream, exact: true)
                failed = WindowFigure(value: events.failed, source: .eventsStream, exact: true)
            }
            retries = WindowFigure(value: events.retries, source: .eventsStream, exact: true)
        }
        let start = minute * MinuteMetrics.minuteMs
        let window = WindowFigures(
            startMs: start, endMs: start + MinuteMetrics.minuteMs, completed: completed, failed: failed,
            retries: retries, averageProcessingMs: storedProcessing(reading))
        return sample(reading, window: window, redis: redis)
    }

    /// The mean processing time of the stored finished jobs read (a sample of the most recent ones).
    private static func storedProcessing(_ reading: QueueReading) -> WindowFigure<Double> {
        guard let times = reading.storedFinished?.processingMs, !times.isEmpty else { return .unavailable }
        return WindowFigure(
            value: Double(times.reduce(0, +)) / Double(times.count), source: .finishedJobs, exact: false)
    }

    private static func sample(_ reading: QueueReading, window: WindowFigures, redis: RedisStats) -> QueueSample {
        let oldestAge = reading.oldestWaitingTimestampMs.map { max(reading.timestampMs - $0, 0) }
        return QueueSample(
            queue: reading.queue, timestampMs: reading.timestampMs, counts: reading.counts, stalled: reading.stalled,
            paused: reading.paused, oldestWaitingAgeMs: oldestAge, window: window, redis: redis,
            workers: reading.workers, legacyPausedJobs: reading.legacyPausedJobs)
    }
}
