import Foundation
import PrivateServices
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Extra (`--all`): Redis SIGKILLed and restarted under load, with AOF `appendfsync always`: no acknowledged
/// job may be lost. Two workers and a producer run on a Redis of the scenario's own.
struct RedisCrashScenario: Scenario {
    let name = "redis-crash"
    let title = "Redis SIGKILL and Restart Under Load (AOF always)"

    /// Creates the scenario.
    init() {}

    func run(in context: ScenarioContext) async throws -> Verdict {
        let redis = try await offPool { try RedisService(fsync: .always) }
        defer { redis.stop() }
        context.step("started a private redis-server (pid \(redis.pid)), appendfsync always")
        return try await context.withQueue(context.uniqueQueueName("load"), redisURL: redis.url) { queue, log in
            for index in 1...2 {
                _ = try await context.startWorker(
                    "worker-\(index)", queue: queue.name, redisURL: redis.url, maxStalled: 10, concurrency: 4)
            }
            let producer = LoadProducer()
            // A failed kill or restart throws: the producer must stop then too.
            defer { producer.stop() }
            let producing = Task { await producer.run(queue: queue, interval: .milliseconds(5), jobMs: 20) }
            try await Task.sleep(for: .seconds(2))
            let before = producer.acknowledged.count
            let pid = redis.pid
            try await offPool { try redis.send(SIGKILL) }
            context.recordSignal(SIGKILL, process: "redis-server", pid: pid)
            try await Task.sleep(for: .seconds(1))
            try await offPool { try redis.restart() }
            context.recordRestart("redis-server (pid \(redis.pid)) on the same port, AOF replayed")
            try await Task.sleep(for: .seconds(2))
            producer.stop()
            await producing.value
            let acknowledged = producer.acknowledged
            let inDoubt = producer.inDoubt
            context.acknowledged(acknowledged)
            context.step(
                "producer: \(acknowledged.count) acknowledged (\(before) before the kill), \(inDoubt.count) adds threw "
                    + "(in doubt: each may or may not exist)")
            let checker = Checker(queue: queue, log: log)
            try await checker.settle(timeout: .seconds(90))
            let accounting = try await checker.check(acknowledged: acknowledged, inDoubt: inDoubt)
            context.record(accounting)
            var failures = accounting.failures
            if acknowledged.count <= before { failures.append("no job was acknowledged after the restart") }
            return Verdict(
                summary: "\(accounting.acknowledged) acknowledged, \(accounting.completed) completed, "
                    + "\(accounting.failed) failed, lost \(accounting.lost.count), duplicated \(accounting.duplicated.count)",
                failures: failures)
        }
    }
}
