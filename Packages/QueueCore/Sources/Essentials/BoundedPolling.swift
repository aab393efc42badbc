/// Bounded polling of a condition: a wait that must end, for code that watches another process or server
/// (the chaos suite, `maxctl load`) rather than awaiting an event.
public enum Deadline {
    /// Polls `condition` every `interval` until it is true (returns true) or `timeout` passes (returns false).
    public static func poll(
        timeout: Duration, interval: Duration = .milliseconds(50), _ condition: @Sendable () async throws -> Bool
    ) async rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if try await condition() { return true }
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: interval)
        }
    }

    /// Like `poll`, and how long it took: the ms from the call until the condition held (or the timeout).
    public static func timedPoll(
        timeout: Duration, interval: Duration = .milliseconds(50), _ condition: @Sendable () async throws -> Bool
    ) async rethrows -> (held: Bool, milliseconds: Double) {
        let started = ContinuousClock.now
        let held = try await poll(timeout: timeout, interval: interval, condition)
        return (held, (ContinuousClock.now - started).fractionalMilliseconds)
    }
}
