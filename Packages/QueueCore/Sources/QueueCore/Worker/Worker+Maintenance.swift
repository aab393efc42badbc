import Essentials
import RedisClient

extension Worker {
    /// Renews the locks of every held job each `lockRenewTime`, in one script call; lost ones are no longer renewed.
    func renewLocksLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.renewPeriod)
            if Task.isCancelled { return }
            let pairs = state.heldPairs()
            guard !pairs.isEmpty else { continue }
            do {
                let arguments = [String(configuration.lockDuration.wholeMilliseconds)] + pairs.flatMap { [$0.0, $0.1] }
                let lost = (try await queue.run(QueueScript.extendLocks, arguments).array ?? []).compactMap(\.string)
                // Stop renewing them; whether the job really was lost (rather than finished meanwhile) shows when
                // its finish is refused, which reports `.lockLost`.
                if !lost.isEmpty { state.markLost(lost) }
            } catch {
                report(.error("renewing locks on \(queueName) failed: \(error)"))
            }
        }
    }

    /// Runs the stalled-job check at start and then every `stalledInterval` (throttled across workers).
    func stalledCheckLoop() async {
        while !Task.isCancelled {
            do {
                let arguments = [
                    String(configuration.maxStalledCount), String(Queue.nowMs()),
                    String(configuration.stalledInterval.wholeMilliseconds),
                ]
                let ids = (try await queue.run(QueueScript.moveStalledJobsToWait, arguments).array ?? []).compactMap(
                    \.string)
                if !ids.isEmpty { report(.stalled(jobIds: ids)) }
            } catch {
                report(.error("the stalled check on \(queueName) failed: \(error)"))
            }
            try? await Task.sleep(for: configuration.stalledInterval)
        }
    }
}
