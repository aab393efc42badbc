/// What disturbs a soak and how often: each disturber is optional and has its own period.
///
/// `maxctl chaos run --soak 10m` alone kills a worker every 6 s; naming any of `--kill-worker-every`,
/// `--crash-postgres-every`, `--kill-redis-every` runs exactly the disturbers named.
struct SoakPlan: Sendable, Equatable {
    /// How long the load and the disturbances last.
    var duration: Duration
    /// Time between worker SIGKILLs (round robin over the workers), nil for none.
    var workerKillEvery: Duration?
    /// Time between PostgreSQL crashes (alternating `pg_ctl stop -m immediate` and SIGKILL of the postmaster),
    /// nil for none.
    var postgresCrashEvery: Duration?
    /// Time between Redis SIGKILLs (AOF `always`, restarted on the same port), nil for none.
    var redisKillEvery: Duration?

    /// The default disturber when none is named: a worker SIGKILL every 6 s (100 in 10 minutes).
    static let defaultWorkerKillEvery: Duration = .seconds(6)

    /// Creates a plan; with no disturber named, worker kills every ``defaultWorkerKillEvery``.
    init(
        duration: Duration, workerKillEvery: Duration? = nil, postgresCrashEvery: Duration? = nil,
        redisKillEvery: Duration? = nil
    ) {
        self.duration = duration
        let none = workerKillEvery == nil && postgresCrashEvery == nil && redisKillEvery == nil
        self.workerKillEvery = none ? Self.defaultWorkerKillEvery : workerKillEvery
        self.postgresCrashEvery = postgresCrashEvery
        self.redisKillEvery = redisKillEvery
    }

    /// The most worker kills the soak can make: the workers' stall limit is set above it, so a job is never
    /// failed for stalling and every acknowledged job must complete.
    var maxWorkerKills: Int { workerKillEvery.map { Int(duration / $0) + 1 } ?? 0 }

    /// `worker SIGKILL every 6s, PostgreSQL crash every 10s`, for titles and logs.
    var disturbersText: String {
        var parts: [String] = []
        if let every = workerKillEvery { parts.append("worker SIGKILL every \(every)") }
        if let every = postgresCrashEvery { parts.append("PostgreSQL crash every \(every)") }
        if let every = redisKillEvery { parts.append("Redis SIGKILL every \(every)") }
        return parts.joined(separator: ", ")
    }
}
