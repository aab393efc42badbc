import Essentials
import Foundation
import RedisClient

/// Shares model-cache telemetry across processes through Redis: each worker process publishes its
/// ``AIModelsInput`` under its own key with a TTL, and the API reads every live one to show the fleet.
///
/// Keys: `<namespace>:<instance>` (default namespace `maxbooster:ai-telemetry`), JSON values (dates in the
/// API's ISO 8601 form), `PX` TTL: a process that stops gracefully removes its key (``remove(instance:)``),
/// one that crashes drops out after the TTL. Threading: `Sendable`, async over RedisClient.
public struct ModelTelemetryStore: Sendable {
    /// The client the keys go through.
    public let client: RedisClient
    /// The key namespace.
    public let namespace: String

    /// Creates a store; `namespace` defaults to `maxbooster:ai-telemetry`.
    public init(client: RedisClient, namespace: String = "maxbooster:ai-telemetry") {
        self.client = client
        self.namespace = namespace
    }

    /// Publishes `input` as `instance`'s telemetry, expiring after `ttl` (use about three publish intervals).
    public func publish(_ input: AIModelsInput, instance: String, ttl: Duration = .seconds(90)) async throws {
        let json = String(decoding: try MonitoringJSON.makeEncoder().encode(input), as: UTF8.self)
        try await client.send(["SET", "\(namespace):\(instance)", json, "PX", String(max(ttl.wholeMilliseconds, 1))])
    }

    /// Removes `instance`'s telemetry at once (a graceful stop), so readers stop counting it before its TTL.
    public func remove(instance: String) async throws {
        try await client.send(["DEL", "\(namespace):\(instance)"])
    }

    /// Every live instance's telemetry (SCAN + MGET; entries that do not decode are skipped), by instance name.
    public func readAll(maxKeysScanned: Int = 100_000) async throws -> [String: AIModelsInput] {
        let keys = try await RedisScan.keys(
            client, matching: RedisScan.globEscaped(namespace) + ":*", maxKeysScanned: maxKeysScanned)
        guard !keys.isEmpty else { return [:] }
        let values = try await client.send(["MGET"] + keys).array ?? []
        var result: [String: AIModelsInput] = [:]
        let decoder = JSONDecoder()
        for (key, value) in zip(keys, values) {
            guard let bytes = value.bytes, let input = try? decoder.decode(AIModelsInput.self, from: Data(bytes)) else {
                continue
            }
            result[String(key.dropFirst(namespace.count + 1))] = input
        }
        return result
    }
}
