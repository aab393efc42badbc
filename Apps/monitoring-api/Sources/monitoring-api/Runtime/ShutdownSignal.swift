import Dispatch
import Glibc
import Synchronization

/// Waits for SIGTERM or SIGINT. The signals are blocked from their default action and delivered to a
/// `DispatchSource` on a serial queue this type owns, never on the cooperative pool.
/// Used from `main` only (not `Sendable`: Dispatch sources are not).
final class ShutdownSignal {
    private let queue = DispatchQueue(label: "monitoring-api.signals")
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; call once, early in `main`.
    init() {
        let queue = queue
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: queue)
        }
    }

    /// Returns the name of the first signal received (`SIGTERM` or `SIGINT`).
    func wait() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            // Only the first signal resumes the continuation; a second one is ignored.
            let resumed = FirstTime()
            for source in sources {
                let name = source.handle == SIGTERM ? "SIGTERM" : "SIGINT"
                source.setEventHandler {
                    if resumed.claim() { continuation.resume(returning: name) }
                }
                source.resume()
            }
        }
    }
}

/// A flag that says yes exactly once.
private final class FirstTime: Sendable {
    private let taken = Atomic<Bool>(false)

    /// True for the first caller only.
    func claim() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
}
