import Dispatch
import Glibc

/// Waits for SIGTERM or SIGINT. The default actions are ignored and the signals delivered to
/// `DispatchSource`s on a serial queue this type owns, never on the cooperative pool; each arrival is
/// handed to an `AsyncStream`. Used from `main` only (not `Sendable`: Dispatch sources are not).
final class ShutdownSignal {
    private let queue = DispatchQueue(label: "monitoring-api.signals")
    private let sources: [any DispatchSourceSignal]
    private let arrivals: AsyncStream<String>

    /// Installs the handlers and starts listening at once (a source must be resumed before it is
    /// released, so they are resumed here even if start-up fails before anyone waits).
    init() {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        arrivals = stream
        let queue = queue
        sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }

    /// Returns the name of the first signal received (`SIGTERM` or `SIGINT`).
    func wait() async -> String {
        for await name in arrivals { return name }
        return "SIGTERM"
    }
}
