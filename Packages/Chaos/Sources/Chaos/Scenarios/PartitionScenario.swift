import Essentials
import Foundation
import QueueCore

/// Extra (`--all`): a 10-second partition between the workers and Redis (the fault proxy blackholes, then
/// refuses); the workers reconnect and finish every job.
struct PartitionScenario: Scenario {
    let name = "partition"
    let title = "10-Second Partition Between Workers and Redis"
    /// How long the partition lasts.
    var partition: Duration = .seconds(10)

    /// Creates the scenario.
    init() {}

    func run(in context: ScenarioContext) async throws -> Verdict {
        let port = URLComponents(string: context.redisURL)?.port ?? 6379
        let proxy = try FaultProxy(upstreamPort: port)
        defer { proxy.stop() }
        let throughProxy = "redis://127.0.0.1:\(proxy.port)"
        return try await context.withQueue(context.uniqueQueueName("partition")) { queue, log in
            for index in 1...2 {
                _ = try await context.startWorker(
                    "worker-\(index)", queue: queue.name, redisURL: throughProxy, lockMs: 3_000, stalledMs: 1_000,
                    maxStalled: 10, concurrency: 2)
            }
            var acknowledged: [String] = []
            for index in 0..<40 { acknowledged.append(try await queue.add("p-\(index)", data: ["sleepMs": 100])) }
            context.acknowledged(acknowledged)
            try await Task.sleep(for: .milliseconds(500))
            proxy.set(.blackhole)
            context.step("partition: proxy \(proxy.port) → redis \(port) blackholed")
            try await Task.sleep(for: partition / 2)
            proxy.set(.down)
            context.step("partition: proxy refuses connections")
            try await Task.sleep(for: partition / 2)
            proxy.set(.none)
            context.step("partition healed after \(partition)")
            let healedAt = ContinuousClock.now
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(90))
            let finishMs = (ContinuousClock.now - healedAt).fractionalMilliseconds
            context.figure("finishedAfterHealMs", finishMs)
            let accounting = try await checker.check(acknowledged: acknowledged)
            context.record(accounting)
            var failures = accounting.failures
            if accounting.completed != acknowledged.count {
                failures.append("completed \(accounting.completed) of \(acknowledged.count)")
            }
            return Verdict(
                summary: String(
                    format: "%d/%d completed %.1f s after the partition healed, duplicated %d",
                    accounting.completed, acknowledged.count, finishMs / 1000, accounting.duplicated.count),
                failures: failures)
        }
    }
}
