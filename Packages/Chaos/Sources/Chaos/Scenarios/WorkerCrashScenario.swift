import Essentials
import Foundation
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Scenario 1, Job Recovery After Worker Crash: 10 jobs, the worker SIGKILLed mid-job, a new worker started;
/// every job completes (100% recovery), and the time from the kill to the killed job's completion is measured.
struct WorkerCrashScenario: Scenario {
    let name = "worker-crash"
    let title = "Job Recovery After Worker Crash"
    /// Jobs scheduled (the spec's 10).
    var jobs = 10
    /// Processing time of each job, long enough to kill one mid-job.
    var jobMs = 400

    /// Creates the scenario with the spec's figures.
    init() {}

    func run(in context: ScenarioContext) async throws -> Verdict {
        try await context.withQueue(context.uniqueQueueName("crash")) { queue, log in
            try await run(queue: queue, log: log, context: context)
        }
    }

    /// The job a worker's output shows active and not yet completed, once at least one job has completed.
    static func jobInFlight(_ lines: [Substring]) -> String? {
        let completed = Set(lines.filter { $0.hasPrefix("completed ") }.map { $0.split(separator: " ")[1] })
        guard !completed.isEmpty,
            let open = lines.last(where: { $0.hasPrefix("active ") })?.split(separator: " ")[1],
            !completed.contains(open)
        else { return nil }
        return String(open)
    }

    private func run(queue: Queue, log: AttemptLog, context: ScenarioContext) async throws -> Verdict {
        let first = try await context.startWorker("worker-1", queue: queue.name)
        var acknowledged: [String] = []
        for index in 0..<jobs {
            acknowledged.append(try await queue.add("crash-\(index)", data: ["sleepMs": jobMs]))
        }
        context.acknowledged(acknowledged)
        context.step(
            "scheduled \(jobs) jobs on \(context.prefix):\(queue.name), all \(acknowledged.count) acknowledged")

        try await Deadline.require("worker-1 being mid-job", timeout: .seconds(30), interval: .milliseconds(10)) {
            Self.jobInFlight(first.outputLines()) != nil
        }
        let victim = Self.jobInFlight(first.outputLines()) ?? "?"
        let killedAt = Date()
        try await context.send(SIGKILL, to: first)
        context.step("worker-1 was killed while job \(victim) was active")

        let second = try await context.startWorker("worker-2", queue: queue.name)
        context.recordRestart("worker as worker-2 (pid \(second.pid))")
        let checker = Checker(queue: queue, log: log)
        try await checker.settle(timeout: .seconds(60))
        let accounting = try await checker.check(acknowledged: acknowledged)
        context.record(accounting)

        let records = try await log.records(queue: queue.name)
        let recoveredAt = records.first { $0.jobId == victim && $0.kind == .completed && $0.pid == second.pid }?.at
        let recoveryMs = recoveredAt.map { $0.timeIntervalSince(killedAt) * 1000 }
        let percent = Double(accounting.completed) / Double(max(accounting.acknowledged, 1)) * 100
        context.figure("recoveredPercent", percent)
        if let recoveryMs { context.figure("recoveryMs", recoveryMs) }

        var failures = accounting.failures
        if accounting.completed != jobs { failures.append("completed \(accounting.completed) of \(jobs)") }
        if recoveryMs == nil { failures.append("the killed job \(victim) was not completed by worker-2") }
        let recovery =
            recoveryMs.map { String(format: "killed job \(victim) recovered in %.2f s", $0 / 1000) }
            ?? "killed job \(victim) not completed by worker-2"
        return Verdict(
            summary: "\(accounting.completed)/\(jobs) recovered (\(String(format: "%.1f", percent))%), "
                + "\(recovery), duplicates \(accounting.duplicated.count)",
            failures: failures)
    }
}
