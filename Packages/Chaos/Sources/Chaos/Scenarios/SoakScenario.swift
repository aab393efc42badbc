import Foundation
import PrivateServices
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Soak (`--soak 10m`): continuous load while a worker is SIGKILLed and restarted every `killEvery`; the
/// workers' stall limit is above the number of kills, so every acknowledged job must complete.
struct SoakScenario: Scenario {
    let name = "soak"
    var title: String { "Soak: \(duration) of Worker SIGKILLs Under Load" }
    /// How long the load and the kills last.
    var duration: Duration
    /// Time between kills. Default 6 s (100 kills in 10 minutes).
    var killEvery: Duration
    /// Workers running at once. Default 3.
    var workers = 3

    /// Creates a soak of `duration`.
    init(duration: Duration, killEvery: Duration = .seconds(6)) {
        self.duration = duration
        self.killEvery = killEvery
    }

    /// The stall limit given to the workers: more than the kills that can happen, so a job is never failed
    /// for stalling and every acknowledged job must complete.
    var maxStalled: Int { Int(duration / killEvery) + 10 }

    func run(in context: ScenarioContext) async throws -> Verdict {
        try await context.withQueue(context.uniqueQueueName("soak")) { queue, log in
            var fleet: [ManagedProcess] = []
            for index in 1...workers {
                fleet.append(
                    try await context.startWorker(
                        "worker-\(index)", queue: queue.name, maxStalled: maxStalled, concurrency: 2))
            }
            let producer = LoadProducer()
            // A failed kill or restart throws out of the loop: the producer must stop then too.
            defer { producer.stop() }
            let producing = Task { await producer.run(queue: queue, interval: .milliseconds(20), jobMs: 100) }
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: duration)
            var kills = 0
            while clock.now < end {
                try await Task.sleep(for: killEvery)
                let victim = fleet[kills % fleet.count]
                // `send` throws unless the kill was delivered and the worker died of it: every kill counted is real.
                try await context.send(SIGKILL, to: victim)
                kills += 1
                let pid = try await offPool { try victim.restart() }
                try await victim.waitForOutput("ready \(pid)", timeout: .seconds(30))
                context.recordRestart("\(victim.name) (pid \(pid)), kill \(kills)")
            }
            producer.stop()
            await producing.value
            let acknowledged = producer.acknowledged
            context.acknowledged(acknowledged)
            context.figure("kills", Double(kills))
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(180))
            let accounting = try await checker.check(acknowledged: acknowledged, inDoubt: producer.inDoubt)
            context.record(accounting)
            return Verdict(
                summary: "\(kills) worker SIGKILLs; acknowledged \(accounting.acknowledged), completed "
                    + "\(accounting.completed), lost \(accounting.lost.count), duplicated \(accounting.duplicated.count) "
                    + "(\(accounting.duplicated.values.reduce(0, +) - accounting.duplicated.count) extra runs)",
                failures: Self.failures(kills: kills, accounting: accounting))
        }
    }

    /// Why a soak fails: no kill or no acknowledged job (nothing was proven), the checker's failures, or
    /// fewer completions than acknowledged adds (the stall limit is above the kills, so none may fail).
    static func failures(kills: Int, accounting: Accounting) -> [String] {
        var failures: [String] = []
        if kills == 0 { failures.append("no worker was killed: the soak proved nothing") }
        if accounting.acknowledged == 0 { failures.append("no add was acknowledged: the soak proved nothing") }
        failures += accounting.failures
        if accounting.completed != accounting.acknowledged {
            failures.append("completed \(accounting.completed) ≠ acknowledged \(accounting.acknowledged)")
        }
        return failures
    }
}
