import Essentials
import QueueCore
import Synchronization

/// Counts what a `maxctl worker` did, from its worker events; thread-safe (a `Mutex`), read at any time.
final class WorkerTally: Sendable {
    /// The summary printed at exit (and every few seconds as progress).
    struct Summary: Encodable, Sendable, Equatable {
        /// The queue worked on.
        var queue: String
        /// Jobs completed.
        var completed = 0
        /// Attempts that failed (retried or not).
        var failedAttempts = 0
        /// Jobs that failed for good (no attempts left).
        var failed = 0
        /// Attempts that failed and were scheduled again.
        var retried = 0
        /// Jobs whose lock this worker lost (their results were discarded).
        var lockLost = 0
        /// Jobs the stalled check moved back to wait.
        var stalledRecovered = 0
        /// Redis or script errors the worker survived.
        var errors = 0
        /// Total processing time of the finished attempts, ms.
        var processingMs = 0.0
        /// Wall time since start, ms.
        var elapsedMs = 0.0

        /// Attempts finished (completed or failed), what `--max-jobs` counts.
        var attempts: Int { completed + failedAttempts }

        /// Completed jobs per second of wall time.
        var completedPerSecond: Double { elapsedMs > 0 ? Double(completed) * 1000 / elapsedMs : 0 }
    }

    private let state: Mutex<Summary>
    private let started = ContinuousClock.now

    init(queue: String) {
        state = Mutex(Summary(queue: queue))
    }

    /// Records one event; returns the attempts finished so far.
    @discardableResult
    func record(_ event: WorkerEvent) -> Int {
        state.withLock { summary in
            switch event {
            case .completed(_, let time):
                summary.completed += 1
                summary.processingMs += time.fractionalMilliseconds
            case .failed(_, _, let willRetry, let time):
                summary.failedAttempts += 1
                if willRetry { summary.retried += 1 } else { summary.failed += 1 }
                summary.processingMs += time.fractionalMilliseconds
            case .lockLost: summary.lockLost += 1
            case .stalled(let ids): summary.stalledRecovered += ids.count
            case .error: summary.errors += 1
            }
            return summary.attempts
        }
    }

    /// The counts so far, with the elapsed time.
    var summary: Summary {
        var summary = state.withLock { $0 }
        summary.elapsedMs = (ContinuousClock.now - started).fractionalMilliseconds
        return summary
    }
}
