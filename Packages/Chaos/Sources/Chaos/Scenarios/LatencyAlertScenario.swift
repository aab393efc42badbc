import Essentials
import Foundation
import QueueCore

/// Extra (`--all`): latency injected between monitoring-api and Redis above the threshold fires the Redis
/// latency alert; removing it resolves the alert.
struct LatencyAlertScenario: Scenario {
    let name = "latency-alert"
    let title = "Injected Redis Latency Fires and Resolves the Latency Alert"
    /// The alert threshold given to monitoring-api, in ms.
    var thresholdMs = 20
    /// The latency injected (each way), in ms.
    var injectedMs = 20

    /// Creates the scenario.
    init() {}

    func run(in context: ScenarioContext) async throws -> Verdict {
        let port = URLComponents(string: context.redisURL)?.port ?? 6379
        let proxy = try FaultProxy(upstreamPort: port)
        defer { proxy.stop() }
        let name = context.uniqueQueueName("latency")
        return try await context.withQueue(name) { queue, _ in
            context.acknowledged([try await queue.add("sample", data: ["sleepMs": 0])])
            let api = try await context.startMonitoringAPI(
                // A collection is several round trips: a 2 s interval leaves room for them at the injected latency.
                redisURL: "redis://127.0.0.1:\(proxy.port)", queues: [name], interval: "2s",
                extraArguments: ["--max-redis-latency", "\(thresholdMs)ms"])
            defer { api.shutdown() }
            let firing: @Sendable () async throws -> Bool = {
                try await api.get("/api/monitoring/system-health").text.contains("maxRedisLatency")
            }
            var failures: [String] = []
            try await Deadline.require("a first collection", timeout: .seconds(20), interval: .milliseconds(200)) {
                try await api.get("/api/monitoring/system-health").status == 200
            }
            if try await firing() { failures.append("the latency alert fired before any latency was injected") }
            proxy.set(.latency(.milliseconds(injectedMs), jitter: .milliseconds(5)))
            context.step("injected \(injectedMs) ms ± 5 ms each way (threshold \(thresholdMs) ms)")
            let (fired, fireMs) = try await Deadline.timedPoll(
                timeout: .seconds(30), interval: .milliseconds(200), firing)
            if fired {
                context.figure("alertFiredAfterMs", fireMs)
                context.step(String(format: "latency alert fired after %.0f ms", fireMs))
            } else {
                failures.append("the latency alert did not fire")
            }
            proxy.set(.none)
            let (resolved, resolveMs) = try await Deadline.timedPoll(
                timeout: .seconds(30), interval: .milliseconds(200)
            ) { try await !firing() }
            if resolved {
                context.figure("alertResolvedAfterMs", resolveMs)
                context.step(String(format: "latency alert resolved %.0f ms after the latency was removed", resolveMs))
            } else {
                failures.append("the latency alert did not resolve")
            }
            let fireText = fired ? String(format: "alert fired in %.0f ms", fireMs) : "alert did not fire in 30 s"
            let resolveText =
                resolved ? String(format: "resolved in %.0f ms", resolveMs) : "did not resolve in 30 s"
            return Verdict(summary: "\(fireText), \(resolveText)", failures: failures)
        }
    }
}
