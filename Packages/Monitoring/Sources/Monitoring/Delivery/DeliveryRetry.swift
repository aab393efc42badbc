/// When a delivery sink tries again: capped exponential backoff and a bound on attempts. Pure.
public struct DeliveryRetry: Sendable, Equatable {
    /// Attempts per notification, the first included (default 6: about a minute of retries with the defaults).
    public var maxAttempts: Int
    /// The wait before the second attempt (default 1 s); it doubles after each failed attempt.
    public var initialDelay: Duration
    /// The longest wait between attempts (default 30 s).
    public var maxDelay: Duration

    /// Creates a policy; see each property for its default.
    public init(maxAttempts: Int = 6, initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The wait after failed attempt `attempt` (1-based) before the next, or nil when no attempt is left.
    public func delay(afterAttempt attempt: Int) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        var delay = initialDelay
        for _ in 1..<max(1, attempt) {
            delay = delay * 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }

    /// Whether an answer with `status` is worth another attempt: 5xx, 408 (timeout) and 429 (slow down) are the
    /// receiver's state; any other 4xx refuses this notification and a retry would be refused again.
    public static func isRetryable(status: Int) -> Bool { status >= 500 || status == 408 || status == 429 }
}
