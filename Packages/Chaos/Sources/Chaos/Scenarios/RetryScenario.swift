import Foundation
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Scenario 3, Job Retry Mechanism: a job that always fails runs exactly 3 attempts with exponential backoff
/// (gaps about d and 2d), then ends in `failed` with its reason.
struct RetryScenario: Scenario {
    let name = "retry"
    let title = "Job Retry Mechanism"
    /// The backoff base d, in ms.
    var backoffMs = 1_000
    /// Attempts (the spec's 3).
    var attempts = 3

    /// Creates the scenario with the spec's figures.
    init() {}

    /// Whether a measured gap is "about" the expected one: at least 90% of it (backoff never fires early) and at
    /// most 1.5 s late (a drain delay, a stalled-check turn and a loaded machine).
    static func gapIsAbout(_ gapMs: Double, expected: Double) -> Bool {
        gapMs >= expected * 0.9 && gapMs <= expected + 1_500
    }

    func run(in context: ScenarioContext) async throws -> Verdict {
        try await context.withQueue(context.uniqueQueueName("retry")) { queue, log in
            _ = try await context.startWorker("worker-1", queue: queue.name, lockMs: 5_000, stalledMs: 5_000)
            let id = try await queue.add(
                "always-fails", data: ["fail": true],
                options: JobOptions(attempts: attempts, backoff: .exponential(backoffMs)))
            context.acknowledged([id])
            context.step("scheduled job \(id): attempts \(attempts), exponential backoff \(backoffMs) ms")
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(30))
            let accounting = try await checker.check(acknowledged: [id])
            context.record(accounting)

            let job = try await queue.job(id)
            let starts = try await log.records(queue: queue.name).filter { $0.kind == .started }.map(\.at).sorted()
            let gaps = zip(starts, starts.dropFirst()).map { $1.timeIntervalSince($0) * 1000 }
            for (index, gap) in gaps.enumerated() { context.figure("gap\(index + 1)Ms", gap) }
            context.figure("attempts", Double(starts.count))

            let state = try await queue.state(of: id)
            var failures = accounting.failures
            if state != .failed { failures.append("the job ended \(state.rawValue), not failed") }
            if starts.count != attempts { failures.append("\(starts.count) attempts ran, expected \(attempts)") }
            if job?.attemptsMade != attempts { failures.append("attemptsMade is \(job?.attemptsMade ?? -1)") }
            if !(job?.failedReason ?? "").contains("asked to fail") {
                failures.append("failed reason is '\(job?.failedReason ?? "")'")
            }
            for (index, gap) in gaps.enumerated() {
                let expected = Double(backoffMs) * Double(1 << index)
                if !Self.gapIsAbout(gap, expected: expected) {
                    failures.append(
                        String(format: "gap %d was %.0f ms, expected about %.0f ms", index + 1, gap, expected))
                }
            }
            let gapText = gaps.map { String(format: "%.0f ms", $0) }.joined(separator: ", ")
            return Verdict(
                summary: "\(starts.count) attempts, gaps \(gapText) (d = \(backoffMs) ms), ended \(state.rawValue)"
                    + (job?.failedReason.map { ": '\($0)'" } ?? ""),
                failures: failures)
        }
    }
}
