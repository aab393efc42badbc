import Foundation
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Extra (`--all`): a worker SIGSTOPped mid-job; another worker recovers the job as stalled and completes it;
/// when the first is SIGCONTed its late completion is rejected (`lockLost`) and the job's result stays the
/// second worker's.
public struct StoppedWorkerScenario: Scenario {
    public let name = "stopped-worker"
    public let title = "SIGSTOPped Worker: Stalled Recovery, Late Completion Rejected"

    /// Creates the scenario.
    public init() {}

    public func run(in context: ScenarioContext) async throws -> Verdict {
        try await context.withQueue(context.uniqueQueueName("stopped")) { queue, log in
            let first = try await context.startWorker("worker-1", queue: queue.name, lockMs: 1_500, stalledMs: 500)
            let id = try await queue.add("slow", data: ["sleepMs": 1_000])
            context.acknowledged([id])
            try await Deadline.require("worker-1 taking job \(id)", timeout: .seconds(20), interval: .milliseconds(10))
            {
                first.output().contains("active \(id) ")
            }
            await context.send(SIGSTOP, to: first)
            let second = try await context.startWorker("worker-2", queue: queue.name, lockMs: 1_500, stalledMs: 500)
            try await Deadline.require("worker-2 completing job \(id)", timeout: .seconds(30)) {
                second.output().contains("completed \(id)")
            }
            await context.send(SIGCONT, to: first)
            try await Deadline.require("worker-1 reporting its lost lock", timeout: .seconds(20)) {
                first.output().contains("lockLost \(id)") || first.output().contains("completed \(id)")
            }
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(30))
            let accounting = try await checker.check(acknowledged: [id])
            context.record(accounting)
            let job = try await queue.job(id)
            var failures: [String] = []
            if accounting.completed != 1 { failures.append("job \(id) did not end completed") }
            if !first.output().contains("lockLost \(id)") {
                failures.append("worker-1's late completion was not rejected")
            }
            if job?.returnValue?.contains("\(second.pid)") != true {
                failures.append("the stored result is not worker-2's (\(job?.returnValue ?? "none"))")
            }
            return Verdict(
                summary: "job \(id) recovered as stalled by worker-2; worker-1's late completion rejected (lockLost); "
                    + "processor ran to its end \(accounting.duplicated[id] ?? 1) time(s) (reported as duplicate)",
                failures: failures)
        }
    }
}
