import Essentials
import Foundation
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Extra (`--all`): a worker SIGSTOPped mid-job; another worker recovers the job as stalled and completes it;
/// when the first is SIGCONTed its late completion is rejected (`lockLost`) and the job's result stays the
/// second worker's.
struct StoppedWorkerScenario: Scenario {
    let name = "stopped-worker"
    let title = "SIGSTOPped Worker: Stalled Recovery, Late Completion Rejected"

    /// Creates the scenario.
    init() {}

    func run(in context: ScenarioContext) async throws -> Verdict {
        try await context.withQueue(context.uniqueQueueName("stopped")) { queue, log in
            let first = try await context.startWorker("worker-1", queue: queue.name, lockMs: 1_500, stalledMs: 500)
            let id = try await queue.add("slow", data: ["sleepMs": 1_000])
            context.acknowledged([id])
            try await Deadline.require("worker-1 taking job \(id)", timeout: .seconds(20), interval: .milliseconds(10))
            {
                first.output().contains("active \(id) ")
            }
            try await context.send(SIGSTOP, to: first)
            let second = try await context.startWorker("worker-2", queue: queue.name, lockMs: 1_500, stalledMs: 500)
            try await Deadline.require("worker-2 completing job \(id)", timeout: .seconds(30)) {
                second.output().contains("completed \(id)")
            }
            try await context.send(SIGCONT, to: first)
            try await Deadline.require("worker-1 reporting its lost lock", timeout: .seconds(20)) {
                first.output().contains("lockLost \(id)") || first.output().contains("completed \(id)")
            }
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(30))
            let accounting = try await checker.check(acknowledged: [id])
            context.record(accounting)
            let job = try await queue.job(id)
            let rejected = first.output().contains("lockLost \(id)")
            let secondsResult = job?.returnValue?.contains("\(second.pid)") == true
            var failures = accounting.failures
            if accounting.completed != 1 { failures.append("job \(id) did not end completed") }
            if !rejected { failures.append("worker-1's late completion was not rejected") }
            if !secondsResult {
                failures.append("the stored result is not worker-2's (\(job?.returnValue ?? "none"))")
            }
            let runs = accounting.duplicated[id] ?? 1
            return Verdict(
                summary: "job \(id) \(accounting.completed == 1 ? "completed" : "not completed") "
                    + "(result \(secondsResult ? "worker-2's" : "not worker-2's")); worker-1's late completion "
                    + "\(rejected ? "rejected (lockLost)" : "not rejected"); processor ran to its end \(runs) time(s)"
                    + (runs > 1 ? " (reported as duplicate)" : ""),
                failures: failures)
        }
    }
}
