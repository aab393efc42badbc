import Essentials
import Foundation
import Monitoring
import RedisClient

/// Measures a Redis server for `maxctl doctor`: version, PING latency, eviction policy.
struct RedisProbe {
    let url: String
    let timeout: Duration
    /// The BullMQ key prefix whose queues are checked for legacy `paused` lists.
    let prefix: String

    /// The `redis` and `redis-eviction` checks (one `critical` check when Redis cannot be reached).
    func checks() async -> [DoctorCheck] {
        let address = Self.displayAddress(url)
        let hint = "start Redis (make services-up), or point --redis / REDIS_URL at a running server"
        let client: RedisClient
        do {
            let configuration = try RedisConfiguration(
                url: url, connectTimeout: timeout, commandTimeout: timeout, poolSize: 1)
            client = RedisClient(configuration: configuration)
        } catch {
            return [DoctorRules.unreachable("redis", address: address, error: "\(error)", hint: "fix the Redis URL")]
        }
        // Closed before returning, not from a detached task the process may exit before.
        let checks: [DoctorCheck]
        do {
            checks = try await measure(client, address: address)
        } catch {
            checks = [DoctorRules.unreachable("redis", address: address, error: "\(error)", hint: hint)]
        }
        await client.close()
        return checks
    }

    private func measure(_ client: RedisClient, address: String) async throws -> [DoctorCheck] {
        let server = RedisInfo.fields(try await client.send("INFO", "server").string ?? "")
        let memory = RedisInfo.fields(try await client.send("INFO", "memory").string ?? "")
        var latencies: [Double] = []
        for _ in 0..<5 {
            let started = ContinuousClock.now
            _ = try await client.send("PING")
            let elapsed = ContinuousClock.now - started
            latencies.append(elapsed.fractionalMilliseconds)
        }
        let median = latencies.sorted()[latencies.count / 2]
        let queues = try await QueueCollector(client: client, prefix: prefix).discoverQueues()
        let lengths = try await client.pipeline(queues.map { ["LLEN", "\(prefix):\($0):paused"] }).map {
            try $0.get().int ?? 0
        }
        let legacy = zip(queues, lengths).filter { $0.1 > 0 }.map { (queue: $0.0, jobs: $0.1) }
        return [
            DoctorRules.redisVersion(
                server["redis_version"] ?? "unknown", address: address, latencyMilliseconds: median),
            DoctorRules.evictionPolicy(memory["maxmemory_policy"] ?? "unknown", address: address),
            DoctorRules.legacyPausedLists(legacy, prefix: prefix),
        ]
    }

    /// The URL without its password, for messages.
    static func displayAddress(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(unparsable URL)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(unparsable URL)"
    }
}
