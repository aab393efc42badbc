import Essentials

extension Deadline {
    /// Like `poll`, but throws `ChaosError.timedOut` naming `what` when the time runs out: every wait in the
    /// suite is bounded.
    static func require(
        _ what: String, timeout: Duration, interval: Duration = .milliseconds(50),
        _ condition: @Sendable () async throws -> Bool
    ) async throws {
        guard try await poll(timeout: timeout, interval: interval, condition) else {
            throw ChaosError(.timedOut, "\(what) did not happen within \(timeout)")
        }
    }
}
