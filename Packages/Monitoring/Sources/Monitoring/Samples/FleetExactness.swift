/// Whether counter figures (our workers' counters, BullMQ's metrics) can be called exact for a queue: only
/// when every worker seen on it is ours. Pure.
///
/// Our workers' `metrics:counters` count only our jobs, and BullMQ's `metrics:*` only the jobs of workers
/// running with metrics on (Node's and Python's default is off). So when other clients' workers are seen at
/// either end of the window (``QueueWorkers/others`` > 0), or the workers are unknown (`CLIENT LIST`
/// refused), a counter figure is partial; the events stream, which every BullMQ client's finishing script
/// writes, is then the one exact source, as long as it still holds the whole window.
enum FleetExactness {
    /// Why counter figures are partial over a window whose end saw `now` and whose start saw `before`
    /// (nil: no earlier reading); nil when every worker seen is ours, or there is none.
    static func partialReason(now: QueueWorkers, before: QueueWorkers?) -> String? {
        for workers in [now, before].compactMap({ $0 }) {
            if let reason = workers.reason { return "the queue's workers are unknown (\(reason))" }
        }
        guard let shared = [now, before].compactMap({ $0 }).first(where: { ($0.others ?? 0) > 0 }) else { return nil }
        let clients = [(QueueWorkers.Worker.Client.node, "Node BullMQ"), (.python, "Python bullmq")].compactMap {
            client, label in
            let count = shared.workers.filter { $0.client == client }.count
            return count > 0 ? "\(count) \(label)" : nil
        }
        return "other clients' workers share the queue (\(clients.joined(separator: ", ")))"
    }

    /// The reason a figure from `source` is partial, given the fleet's `reason`.
    static func reason(_ source: FigureSource, fleet reason: String) -> String {
        switch source {
        case .workerCounters: "\(reason): our workers' counters miss their jobs"
        case .bullmqMetrics: "\(reason): BullMQ's metrics count only workers running with metrics on"
        default: reason
        }
    }
}
