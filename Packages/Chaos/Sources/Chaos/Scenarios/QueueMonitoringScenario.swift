import Essentials
import Foundation
import PrivateServices
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Scenario 4, Queue Monitoring: a queue is put in a known state (completed, failed, waiting, delayed), then
/// monitoring-api's metrics for it must all be present and equal the truth.
struct QueueMonitoringScenario: Scenario {
    let name = "queue-monitoring"
    let title = "Queue Monitoring"

    /// Creates the scenario.
    init() {}

    /// The known state the scenario builds.
    static let truth: [String: Int] = [
        "completed": 2, "failed": 1, "waiting": 3, "delayed": 2, "active": 0, "prioritized": 0,
    ]
    /// The metric fields every `latest` sample must carry.
    static let metricFields = [
        "counts", "stalled", "paused", "oldestWaitingAgeMs", "failedRate", "completedPerMinute",
        "avgProcessingTimeMs", "retries", "window", "redis",
    ]

    /// Compares a `latest` sample with the truth; returns one line per mismatch or missing field.
    static func mismatches(latest: [String: Any]) -> [String] {
        var problems = metricFields.filter { latest.index(forKey: $0) == nil }.map { "metric '\($0)' is missing" }
        let counts = latest["counts"] as? [String: Any] ?? [:]
        for (state, expected) in truth.sorted(by: { $0.key < $1.key }) {
            let actual = (counts[state] as? NSNumber)?.intValue
            if actual != expected {
                problems.append("\(state) is \(actual.map(String.init) ?? "missing"), truth \(expected)")
            }
        }
        if (latest["stalled"] as? NSNumber)?.intValue != 0 { problems.append("stalled is not 0") }
        if (latest["paused"] as? Bool) != false { problems.append("paused is not false") }
        return problems
    }

    static func latest(_ json: Any?) -> [String: Any]? {
        (json as? [String: Any])?["latest"] as? [String: Any]
    }

    func run(in context: ScenarioContext) async throws -> Verdict {
        let name = context.uniqueQueueName("monitored")
        return try await context.withQueue(name) { queue, log in
            let worker = try await context.startWorker("worker-1", queue: name)
            var acknowledged = [
                try await queue.add("ok-1", data: ["sleepMs": 0]), try await queue.add("ok-2", data: ["sleepMs": 0]),
                try await queue.add("bad", data: ["fail": true], options: JobOptions(attempts: 1)),
            ]
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(30))
            let workerPID = worker.pid
            try await context.send(SIGTERM, to: worker)
            let exit = try await offPool { worker.waitForExit(timeout: .seconds(10)) }
            // A worker still running would take the waiting jobs and spoil the known state.
            guard exit == 0 else {
                throw ChaosError(
                    .setup,
                    "worker-1 (pid \(workerPID)) " + (exit.map { "exited \($0) on SIGTERM" } ?? "ignored SIGTERM"))
            }
            for index in 0..<3 { acknowledged.append(try await queue.add("waiting-\(index)", data: ["sleepMs": 0])) }
            for index in 0..<2 {
                acknowledged.append(
                    try await queue.add("later-\(index)", data: ["sleepMs": 0], options: JobOptions(delay: 600_000)))
            }
            context.acknowledged(acknowledged)
            let counts = try await queue.counts()
            let built = Self.truth.sorted { $0.key < $1.key }.map { state, expected in
                (state, expected, counts[JobState(rawValue: state) ?? .unknown] ?? 0)
            }
            let stateText = built.map { "\($0.0) \($0.2)" }.joined(separator: ", ")
            // Monitoring can only be judged against a state Redis really holds.
            guard built.allSatisfy({ $0.1 == $0.2 }) else {
                throw ChaosError(.setup, "the known state was not built: Redis holds \(stateText)")
            }
            context.step("known state built (Redis holds \(stateText))")

            let api = try await context.startMonitoringAPI(queues: [name])
            defer { api.shutdown() }
            let path = "/api/monitoring/queue-metrics/\(name)"
            let (agreed, seenMs) = try await Deadline.timedPoll(timeout: .seconds(20), interval: .milliseconds(200)) {
                let response = try await api.get(path)
                guard response.status == 200, let sample = Self.latest(response.json) else { return false }
                return Self.mismatches(latest: sample).isEmpty
            }
            context.figure("firstCorrectSampleMs", seenMs)
            var failures: [String] = []
            if !agreed {
                let response = try await api.get(path)
                failures.append("\(path) answered \(response.status)")
                failures += Self.latest(response.json).map { Self.mismatches(latest: $0) } ?? ["no latest sample"]
            }
            let metrics = try await api.get("/metrics")
            let missing = Self.truth.sorted { $0.key < $1.key }.map { state, value in
                "maxbooster_queue_jobs{queue=\"\(name)\",state=\"\(state)\"} \(value)"
            }.filter { !metrics.text.contains($0) }
            failures += missing.map { "/metrics lacks \($0)" }
            let all = try await api.get("/api/monitoring/queue-metrics")
            let listed = ((all.json as? [String: Any])?["queues"] as? [[String: Any]] ?? []).contains {
                $0["queue"] as? String == name
            }
            if !listed { failures.append("/api/monitoring/queue-metrics does not list \(name)") }
            return Verdict(
                summary: Self.summary(agreedAfterMs: agreed ? Int(seenMs) : nil, metricsMissing: missing.count),
                failures: failures)
        }
    }

    /// The verdict's one line, from what was measured: it says the counts equal the truth only when they did.
    static func summary(agreedAfterMs: Int?, metricsMissing: Int) -> String {
        let api =
            agreedAfterMs.map {
                "\(metricFields.count) metric types present, counts equal the truth "
                    + "(completed 2, failed 1, waiting 3, delayed 2, active 0) after \($0) ms"
            } ?? "the queue's metrics did not equal the truth within 20 s"
        let exposition =
            metricsMissing == 0
            ? "/metrics agrees" : "/metrics lacks \(metricsMissing) of \(truth.count) job-count lines"
        return "\(api); \(exposition)"
    }
}
