extension ModelCache {
    /// The shortest and longest sweep intervals ``startIdleSweeper(interval:)`` accepts.
    public static var sweepIntervalBounds: ClosedRange<Duration> { .milliseconds(10)...(.seconds(3600)) }

    /// Starts (or restarts) a background task that calls ``sweepIdle()`` every `interval`.
    ///
    /// The interval defaults to a quarter of the idle timeout and is clamped to
    /// ``sweepIntervalBounds``. The task holds the cache weakly and ends with it, on
    /// ``stopIdleSweeper()``, or on a restart. Sweeping only frees memory sooner: an idle entry is never
    /// served either way.
    public func startIdleSweeper(interval: Duration? = nil) {
        let bounds = Self.sweepIntervalBounds
        let requested = interval ?? configuration.idleTimeout / 4
        let period = min(max(requested, bounds.lowerBound), bounds.upperBound)
        let task = Task { [weak self] in
            while true {
                do { try await Task.sleep(for: period) } catch { return }
                guard let self else { return }
                self.sweepIdle()
            }
        }
        let previous = state.withLock { state in
            let previous = state.sweeper
            state.sweeper = task
            return previous
        }
        previous?.cancel()
    }

    /// Stops the background sweeper, if one runs.
    public func stopIdleSweeper() {
        state.withLock { $0.sweeper.take() }?.cancel()
    }
}
