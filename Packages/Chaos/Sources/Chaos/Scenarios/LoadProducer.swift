import QueueCore
import Synchronization

/// Adds jobs to a queue continuously (one every `interval`) until stopped, keeping the ids whose add was
/// acknowledged and those whose add threw (Redis down): a thrown add may still have happened — the reply was
/// lost, not necessarily the write — so its id is kept as in doubt for the checker.
///
/// The producer names its jobs (`load-0`, `load-1`, …) rather than letting Redis number them, so an add that
/// threw has a known id.
final class LoadProducer: Sendable {
    private let state = Mutex<(acknowledged: [String], inDoubt: [String], stopped: Bool)>(([], [], false))

    /// Creates a producer; nothing is added until `run`.
    init() {}

    /// The ids acknowledged so far.
    var acknowledged: [String] { state.withLock { $0.acknowledged } }
    /// The ids of adds that threw: each may or may not exist.
    var inDoubt: [String] { state.withLock { $0.inDoubt } }

    /// Adds `{"sleepMs": jobMs}` jobs every `interval` until `stop()`; returns when stopped.
    func run(queue: Queue, interval: Duration, jobMs: Int) async {
        var index = 0
        while !state.withLock({ $0.stopped }) {
            let id = "load-\(index)"
            do {
                let added = try await queue.add(id, data: ["sleepMs": jobMs], options: JobOptions(jobId: id))
                state.withLock { $0.acknowledged.append(added) }
            } catch {
                state.withLock { $0.inDoubt.append(id) }
            }
            index += 1
            try? await Task.sleep(for: interval)
        }
    }

    /// Makes `run` return after its current add.
    func stop() { state.withLock { $0.stopped = true } }
}
