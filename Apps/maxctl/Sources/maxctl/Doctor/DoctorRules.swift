import Foundation
import RedisClient

/// The judgements `maxctl doctor` makes from what it measured: pure, so they are tested in memory.
enum DoctorRules {
    /// The oldest Redis the queue scripts support.
    static let minimumRedisVersion = RedisServerVersion(6, 2, 0)

    /// Judges the Redis server's version.
    static func redisVersion(_ version: String, address: String, latencyMilliseconds: Double) -> DoctorCheck {
        let details = ["address": address, "version": version, "latencyMs": format2(latencyMilliseconds)]
        guard isAtLeast(version, minimumRedisVersion) else {
            return DoctorCheck(
                name: "redis", status: .critical,
                message: "Redis \(version) at \(address) is older than 6.2",
                hint: "upgrade redis-server to 6.2 or newer: the queue scripts use commands 6.2 added",
                details: details)
        }
        return DoctorCheck(
            name: "redis", status: .ok,
            message: "Redis \(version) at \(address), round trip \(format2(latencyMilliseconds)) ms", details: details)
    }

    /// Judges `maxmemory-policy`: anything but `noeviction` lets Redis delete queue keys under memory pressure.
    static func evictionPolicy(_ policy: String, address: String) -> DoctorCheck {
        guard policy == "noeviction" else {
            return DoctorCheck(
                name: "redis-eviction", status: .warning,
                message: "maxmemory-policy is \(policy) at \(address): Redis may evict queue keys and lose jobs",
                hint:
                    "set `maxmemory-policy noeviction` in redis.conf (now: redis-cli CONFIG SET maxmemory-policy noeviction)",
                details: ["address": address, "policy": policy])
        }
        return DoctorCheck(
            name: "redis-eviction", status: .ok, message: "maxmemory-policy is noeviction",
            details: ["address": address, "policy": policy])
    }

    /// Judges the queues under `prefix` that hold a legacy `paused` list (`[(queue, jobs)]`): a warning naming
    /// each, since a Node BullMQ 5.x or older client pauses them by `RENAME`.
    static func legacyPausedLists(_ lists: [(queue: String, jobs: Int)], prefix: String) -> DoctorCheck {
        guard !lists.isEmpty else {
            return DoctorCheck(
                name: "legacy-paused", status: .ok,
                message: "no queue under prefix '\(prefix)' holds a legacy `paused` list", details: ["prefix": prefix])
        }
        let notes = lists.map {
            "queue \($0.queue) holds a legacy `paused` list (\($0.jobs) jobs; a Node BullMQ 5.x or older pause)"
        }
        return DoctorCheck(
            name: "legacy-paused", status: .warning,
            message: notes.joined(separator: "; ") + ": our resume and a 6.x resume move it to wait",
            hint: "a pre-6 BullMQ client pauses these queues: upgrade it to BullMQ 6, or resume with "
                + "`maxctl queue resume <queue>` once it no longer runs",
            details: Dictionary(uniqueKeysWithValues: lists.map { ($0.queue, String($0.jobs)) }))
    }

    /// A dependency that could not be reached or queried.
    static func unreachable(_ name: String, address: String, error: String, hint: String) -> DoctorCheck {
        DoctorCheck(
            name: name, status: .critical, message: "\(name) at \(address) is not reachable: \(error)", hint: hint,
            details: ["address": address])
    }

    /// Whether `version` (`INFO server`'s text) is at least `minimum`; an unreadable version is not.
    static func isAtLeast(_ version: String, _ minimum: RedisServerVersion) -> Bool {
        RedisServerVersion(version).map { $0 >= minimum } ?? false
    }

    private static func format2(_ value: Double) -> String { String(format: "%.2f", value) }
}
