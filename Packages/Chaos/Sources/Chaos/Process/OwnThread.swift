import Foundation

/// Runs blocking work (waitpid, pg_ctl, redis-cli, sockets) on a thread of its own, so the cooperative pool
/// never blocks; the caller awaits the result.
public enum OwnThread {
    /// Runs `body` on a new thread and returns (or throws) its result.
    public static func run<T: Sendable>(_ name: String = "chaos-blocking", _ body: @escaping @Sendable () throws -> T)
        async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.start()
        }
    }
}
