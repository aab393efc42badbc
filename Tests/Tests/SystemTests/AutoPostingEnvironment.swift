import PrivateServices

/// The environment of a monitoring-api process with workers in a system test: the shared test Redis, a
/// new database of its own, a unique queue prefix (so telemetry and queues never mix), no demo workload.
enum AutoPostingEnvironment {
    /// A fresh environment whose queue prefix starts with `prefix`.
    static func make(_ prefix: String) throws -> [String: String] {
        [
            "REDIS_URL": try TestServices.redisURL(), "DATABASE_URL": try TestServices.makeDatabase(),
            "QUEUE_PREFIX": TestServices.uniqueName(prefix), "DEMO": "0",
        ]
    }
}
