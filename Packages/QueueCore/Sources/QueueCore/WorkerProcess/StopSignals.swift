import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGTERM and SIGINT into values of an `AsyncStream`, for a process that stops gracefully (the workers,
/// monitoring-api):
/// the signals' default actions are ignored and `DispatchSource`s on a queue this type owns yield their
/// names. Other stop reasons (`--max-jobs` reached) are fed into the same stream with ``stop(_:)``.
/// Create one per process, before its work starts.
public final class StopSignals: Sendable {
    /// Why the process stops: `SIGTERM`, `SIGINT` or a reason given to ``stop(_:)``.
    public let reasons: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let queue = DispatchQueue(label: "queuecore.worker-process.signals")
    // Safety: never mutated after init; Dispatch sources are thread-safe objects that only `queue` calls back on.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    /// Starts listening for SIGTERM and SIGINT.
    public init() {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        reasons = stream
        self.continuation = continuation
        let queue = queue
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
    }

    /// Asks the process to stop for `reason`.
    public func stop(_ reason: String) {
        continuation.yield(reason)
    }

    /// The first stop reason.
    public func first() async -> String {
        for await reason in reasons { return reason }
        return "stream ended"
    }
}
