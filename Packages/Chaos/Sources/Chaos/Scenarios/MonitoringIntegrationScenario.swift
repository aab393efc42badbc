import Essentials
import Foundation
import PrivateServices
import QueueCore

#if canImport(Glibc)
import Glibc
#endif

/// Scenario 5, Monitoring Integration: every monitoring endpoint returns valid data (shape checked), also while
/// Redis is down (unhealthy, 503) and after it returns (no longer unhealthy, 200). Uses a Redis of its own,
/// which it SIGKILLs and restarts.
struct MonitoringIntegrationScenario: Scenario {
    let name = "monitoring-integration"
    let title = "Monitoring Integration"

    /// Creates the scenario.
    init() {}

    /// The JSON endpoints and the top-level keys each must carry.
    static let shapes: [(path: String, keys: [String])] = [
        ("/api/monitoring/queue-metrics", ["queues", "collection", "alerts", "timestamp"]),
        ("/api/monitoring/queue-health", ["queues", "status", "healthy"]),
        ("/api/monitoring/ai-models", ["social", "advertising"]),
        ("/api/monitoring/system-health", ["healthy", "status", "components", "timestamp"]),
        ("/livez", ["status"]),
        ("/readyz", []),
    ]

    /// Problems with a system-health body: the spec's shape, `components.queues` and `components.aiModels`.
    static func systemHealthProblems(_ json: Any?) -> [String] {
        guard let body = json as? [String: Any] else { return ["system-health is not a JSON object"] }
        var problems: [String] = []
        if !(body["healthy"] is Bool) { problems.append("system-health.healthy is not a boolean") }
        if !(body["status"] is String) { problems.append("system-health.status is not a string") }
        let components = body["components"] as? [String: Any] ?? [:]
        for key in ["queues", "aiModels"] where !(components[key] is [String: Any]) {
            problems.append("system-health.components.\(key) is missing")
        }
        let models = components["aiModels"] as? [String: Any] ?? [:]
        for cache in ["social", "advertising"] {
            let fields = models[cache] as? [String: Any] ?? [:]
            for field in ["current", "max", "utilizationPercent"] where fields[field] == nil {
                problems.append("system-health.components.aiModels.\(cache).\(field) is missing")
            }
        }
        return problems
    }

    /// Problems with one endpoint's answer (status 200 and its keys).
    static func shapeProblems(path: String, keys: [String], status: Int, json: Any?) -> [String] {
        guard status == 200 else { return ["\(path) answered \(status)"] }
        guard let body = json as? [String: Any] else { return ["\(path) is not a JSON object"] }
        return keys.filter { body[$0] == nil }.map { "\(path) lacks '\($0)'" }
    }

    func run(in context: ScenarioContext) async throws -> Verdict {
        let redis = try await offPool { try RedisService(fsync: .always) }
        defer { redis.stop() }
        context.step("started a private redis-server (pid \(redis.pid)) on port \(redis.port)")
        let name = context.uniqueQueueName("watched")
        return try await context.withQueue(name, redisURL: redis.url) { queue, _ in
            context.acknowledged([try await queue.add("sample", data: ["sleepMs": 0])])
            let api = try await context.startMonitoringAPI(redisURL: redis.url, queues: [name])
            defer { api.shutdown() }
            var failures: [String] = []

            try await Deadline.require("a first collection", timeout: .seconds(20), interval: .milliseconds(200)) {
                try await api.get("/api/monitoring/system-health").status == 200
            }
            var endpointProblems: [String] = []
            for (path, keys) in Self.shapes {
                let response = try await api.get(path)
                endpointProblems += Self.shapeProblems(
                    path: path, keys: keys, status: response.status, json: response.json)
            }
            let health = try await api.get("/api/monitoring/system-health")
            endpointProblems += Self.systemHealthProblems(health.json)
            let metrics = try await api.get("/metrics")
            if metrics.status != 200 || !metrics.text.contains("maxbooster_queue_jobs{queue=\"\(name)\"") {
                endpointProblems.append("/metrics answered \(metrics.status) without \(name)'s jobs")
            }
            failures += endpointProblems
            context.step(Self.endpointsLine(problems: endpointProblems.count))

            let pid = redis.pid
            try await offPool { try redis.send(SIGKILL) }
            context.recordSignal(SIGKILL, process: "redis-server", pid: pid)
            let (sawDown, detectMs) = try await Deadline.timedPoll(timeout: .seconds(20), interval: .milliseconds(100))
            {
                let response = try await api.get("/api/monitoring/system-health")
                return response.status == 503 && (response.json as? [String: Any])?["status"] as? String == "unhealthy"
            }
            if sawDown {
                context.figure("unhealthyAfterMs", detectMs)
                context.step(String(format: "system-health 503 unhealthy %.0f ms after the kill", detectMs))
                let down = try await api.get("/api/monitoring/system-health")
                failures += Self.systemHealthProblems(down.json)
                let ready = try await api.get("/readyz")
                if ready.status != 503 { failures.append("/readyz answered \(ready.status) with Redis down") }
                let live = try await api.get("/livez")
                if live.status != 200 { failures.append("/livez answered \(live.status) with Redis down") }
            } else {
                failures.append("system-health never became 503 unhealthy with Redis killed")
            }

            try await offPool { try redis.restart() }
            context.recordRestart("redis-server (pid \(redis.pid)) on the same port and AOF")
            let (sawUp, recoverMs) = try await Deadline.timedPoll(timeout: .seconds(30), interval: .milliseconds(100)) {
                let response = try await api.get("/api/monitoring/system-health")
                return response.status == 200 && (response.json as? [String: Any])?["status"] as? String != "unhealthy"
            }
            if sawUp {
                context.figure("healthyAgainAfterMs", recoverMs)
                context.step(String(format: "system-health 200 again %.0f ms after the restart", recoverMs))
            } else {
                failures.append("system-health did not return to 200 after Redis came back")
            }
            let job = try await queue.counts()[.waiting] ?? 0
            if job != 1 { failures.append("the waiting job did not survive the Redis kill (waiting \(job))") }
            return Verdict(
                summary: Self.summary(
                    endpointProblems: endpointProblems.count, unhealthyAfterMs: sawDown ? detectMs : nil,
                    healthyAgainAfterMs: sawUp ? recoverMs : nil),
                failures: failures)
        }
    }

    /// The step line after every endpoint was read: it says they were valid only when no problem was found.
    static func endpointsLine(problems: Int) -> String {
        problems == 0
            ? "\(shapes.count + 1) endpoints answered with valid data"
            : "\(problems) problem(s) in the answers of \(shapes.count + 1) endpoints"
    }

    /// The verdict's one line, from what was measured (nil: not seen within the bound).
    static func summary(endpointProblems: Int, unhealthyAfterMs: Double?, healthyAgainAfterMs: Double?) -> String {
        let endpoints =
            endpointProblems == 0
            ? "\(shapes.count + 1) endpoints valid" : "\(endpointProblems) endpoint problem(s)"
        let down =
            unhealthyAfterMs.map { String(format: "503 unhealthy in %.0f ms", $0) } ?? "never 503 unhealthy"
        let up = healthyAgainAfterMs.map { String(format: "200 in %.0f ms", $0) } ?? "not 200 again"
        return "\(endpoints); Redis SIGKILL → \(down); restart → \(up)"
    }
}
