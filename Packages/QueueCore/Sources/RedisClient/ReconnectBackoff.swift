/// Capped exponential backoff between reconnect attempts: `initial × 2^(failures-1)`, at most `maximum`.
/// Pure: the connection asks it for the wait after each failed attempt.
struct ReconnectBackoff: Equatable {
    let initial: Duration
    let maximum: Duration

    /// The wait before the next attempt after `failures` consecutive failed attempts (0 → no wait).
    func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = initial
        for _ in 1..<min(failures, 40) {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
