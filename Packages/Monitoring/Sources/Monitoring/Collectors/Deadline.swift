import CommandLineArguments
import Essentials

/// Runs `operation` but returns (throwing ``MonitoringError/Code/timedOut``) once `timeout` passes,
/// without waiting for an operation that ignores cancellation (Essentials' `withDeadline`); RedisClient
/// calls left running end at their own command timeout.
func withDeadline<T: Sendable>(
    _ timeout: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await Essentials.withDeadline(
        timeout,
        expired: { MonitoringError(.timedOut, "\(what) did not finish within \(DurationText.format(timeout))") },
        operation)
}
