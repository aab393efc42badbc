import Dispatch
import Glibc

/// Turns SIGTERM and SIGINT into values of an `AsyncStream`, via `DispatchSource`s on a queue this type
/// owns (the default actions are ignored so the worker can close gracefully). Other stop reasons
/// (`--max-jobs` reached) are fed into the same stream with ``stop(_:)``.
final class StopSignals: Sendable {
    /// Why the worker stops: `SIGTERM`, `SIGINT` or `max-jobs`.
    let reasons: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let queue = DispatchQueue(label: "maxctl.worker.signals")
    // Safety: never mutated after init; Dispatch sources are thread-safe objects that only `queue` calls back on.
    nonisolated(unsafe) private let sources: [any DispatchSourceSignal]

    init() {
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

    /// Asks the worker to stop for `reason`.
    func stop(_ reason: String) {
        continuation.yield(reason)
    }

    /// The first stop reason.
    func first() async -> String {
        for await reason in reasons { return reason }
        return "stream ended"
    }
}
