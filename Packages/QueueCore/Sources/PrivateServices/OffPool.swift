import Foundation

/// Runs blocking work (starting or killing a server, `waitpid`, `psql`, a blocking socket) on a thread of
/// its own and returns its result, so the cooperative thread pool never blocks. The one such helper for
/// the tests of every package that depends on QueueCore and for Chaos.
public func offPool<T: Sendable>(
    _ name: String = "blocking-work", _ body: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.name = name
        thread.start()
    }
}
