import QueueCore
import Synchronization

/// Adds jobs to a queue continuously (one every `interval`) until stopped, keeping the ids whose add was
/// acknowledged; a failed add (Redis down) is simply not acknowledged, as for a real producer.
public final class LoadProducer: Sendable {
    private let state = Mutex<(acknowledged: [String], failedAdds: Int, stopped: Bool)>(([], 0, false))

    /// Creates a producer; nothing is added until `run`.
    public init() {}

    /// The ids acknowledged so far.
    public var acknowledged: [String] { state.withLock { $0.acknowledged } }
    /// Adds that threw.
    public var failedAdds: Int { state.withLock { $0.failedAdds } }

    /// Adds `{"sleepMs": jobMs}` jobs every `interval` until `stop()`; returns when stopped.
    public func run(queue: Queue, interval: Duration, jobMs: Int) async {
        var index = 0
        while !state.withLock({ $0.stopped }) {
            do {
                let id = try await queue.add("load-\(index)", data: ["sleepMs": jobMs])
                state.withLock { $0.acknowledged.append(id) }
            } catch {
                state.withLock { $0.failedAdds += 1 }
            }
            index += 1
            try? await Task.sleep(for: interval)
        }
    }

    /// Makes `run` return after its current add.
    public func stop() { state.withLock { $0.stopped = true } }
}
