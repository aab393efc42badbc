import AIModelCache
import Essentials
import Foundation
import Monitoring
import RedisClient

/// This process's part in the fleet's model-cache telemetry: a worker process publishes its caches'
/// ``AIModelsInput`` to Redis every ``interval`` and removes it when it stops gracefully (``remove(logger:)``);
/// the TTL of three intervals is for a process that crashes. The API reads every live instance to serve the
/// fleet aggregate.
///
/// Keys: `<queue prefix>:ai-telemetry:<instance>` (per prefix, so separate deployments and tests sharing one
/// Redis never mix). Threading: `Sendable`; every Redis call is async and bounded by ``readTimeout``.
struct FleetTelemetry: Sendable {
    /// The Redis keys.
    let store: ModelTelemetryStore
    /// This process's name in the fleet: `<host>-<pid>`.
    let instance: String
    /// How often a worker process publishes.
    let interval: Duration
    /// The bound on one read of every instance (a hung Redis falls back to this process's own caches).
    let readTimeout: Duration

    /// The fleet telemetry of `configuration` (prefix, monitor interval) over `client`.
    init(client: RedisClient, configuration: MonitoringConfiguration) {
        store = ModelTelemetryStore(client: client, namespace: "\(configuration.queuePrefix):ai-telemetry")
        instance = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        interval = configuration.monitorInterval
        readTimeout = LiveQueueMonitor.redisBound(configuration)
    }

    /// How long a published entry lives: three intervals.
    var ttl: Duration { interval * 3 }

    /// Publishes `models`' telemetry now and then every ``interval`` until cancelled; a failed publish is
    /// logged at debug level and retried on the next tick (the entry simply expires meanwhile).
    func startPublishing<Social, Advertising>(
        _ models: ModelCacheManager<Social, Advertising>, logger: StructuredLogger
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do {
                    let input = await AIModelsInput(manager: models)
                    try await withDeadline(readTimeout) { try await store.publish(input, instance: instance, ttl: ttl) }
                } catch {
                    logger.log(.debug, "telemetry.publish_failed", [("error", .string("\(error)"))])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Removes this process's key at once (call after the publishing task ended, so no publish re-creates it);
    /// a failure is logged at warning level and the key expires after its TTL instead.
    func remove(logger: StructuredLogger) async {
        do {
            try await withDeadline(readTimeout) { try await store.remove(instance: instance) }
        } catch {
            logger.log(
                .warning, "telemetry.remove_failed",
                [("instance", .string(instance)), ("error", .string("\(error)"))])
        }
    }

    /// Every live instance's telemetry, or an empty dictionary when Redis does not answer in time.
    func readAll() async -> [String: AIModelsInput] {
        (try? await withDeadline(readTimeout) { try await store.readAll() }) ?? [:]
    }
}
