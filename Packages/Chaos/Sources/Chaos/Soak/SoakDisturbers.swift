import Essentials
import Foundation
import PrivateServices

#if canImport(Glibc)
import Glibc
#endif

/// The disturbers of a soak, each on its own period (``SoakPlan``), running concurrently until the soak's end:
/// worker SIGKILLs (round robin, each worker restarted and awaited), PostgreSQL crashes (alternating
/// `pg_ctl stop -m immediate` and SIGKILL of the postmaster, then a start and crash recovery) and Redis
/// SIGKILLs (restarted on the same port, the AOF replayed). Every disturbance is recorded with the time until
/// its process served again; a disturbance that cannot be made or recovered from throws and ends the soak.
struct SoakDisturbers: Sendable {
    /// How many of each struck.
    struct Counts: Sendable, Equatable {
        var workerKills = 0
        var postgresCrashes = 0
        var redisKills = 0

        /// `120 worker kills, 12 PostgreSQL crashes, 3 Redis kills` (the disturbers that ran).
        var summary: String {
            "\(workerKills) worker kills, \(postgresCrashes) PostgreSQL crashes, \(redisKills) Redis kills"
        }
    }

    let context: ScenarioContext
    let plan: SoakPlan

    /// Runs every disturber of the plan until the soak's duration has passed; returns the counts.
    func run(workers: [ManagedProcess], redis: RedisService, postgres: PostgresService) async throws -> Counts {
        let end = ContinuousClock.now.advanced(by: plan.duration)
        return try await withThrowingTaskGroup(of: Counts.self) { group in
            if let every = plan.workerKillEvery {
                group.addTask { Counts(workerKills: try await killWorkers(workers, every: every, until: end)) }
            }
            if let every = plan.postgresCrashEvery {
                group.addTask { Counts(postgresCrashes: try await crashPostgres(postgres, every: every, until: end)) }
            }
            if let every = plan.redisKillEvery {
                group.addTask { Counts(redisKills: try await killRedis(redis, every: every, until: end)) }
            }
            // Without disturbers (not reachable through SoakPlan) the load still runs its duration.
            group.addTask {
                try await Task.sleep(until: end)
                return Counts()
            }
            var total = Counts()
            for try await counts in group {
                total.workerKills += counts.workerKills
                total.postgresCrashes += counts.postgresCrashes
                total.redisKills += counts.redisKills
            }
            return total
        }
    }

    private func killWorkers(_ fleet: [ManagedProcess], every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        var kills = 0
        while ContinuousClock.now.advanced(by: every) < end {
            try await Task.sleep(for: every)
            let victim = fleet[kills % fleet.count]
            let pid = victim.pid
            let struck = ContinuousClock.now
            // `send` throws unless the kill was delivered and the worker died of it: every kill counted is real.
            try await context.send(SIGKILL, to: victim)
            kills += 1
            let restarted = try await offPool { try victim.restart() }
            try await victim.waitForOutput("ready \(restarted)", timeout: .seconds(30))
            record("worker SIGKILL", victim.name, pid: pid, struck: struck)
        }
        return kills
    }

    private func crashPostgres(_ postgres: PostgresService, every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        var crashes = 0
        while ContinuousClock.now.advanced(by: every) < end {
            try await Task.sleep(for: every)
            let pid = postgres.postmasterPID ?? 0
            let struck = ContinuousClock.now
            // Alternate the two ways a database server dies: its own immediate shutdown (SIGQUIT: no
            // checkpoint) and a SIGKILL of the postmaster (its backends notice and exit).
            let kind: String
            if crashes % 2 == 0 {
                try await offPool { try postgres.stopImmediate() }
                kind = "postgres stop -m immediate"
            } else {
                _ = try await offPool { try postgres.killPostmaster() }
                kind = "postgres SIGKILL"
            }
            crashes += 1
            try await offPool { try postgres.start() }
            record(kind, "postgres", pid: pid, struck: struck)
        }
        return crashes
    }

    private func killRedis(_ redis: RedisService, every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        var kills = 0
        while ContinuousClock.now.advanced(by: every) < end {
            try await Task.sleep(for: every)
            let pid = redis.pid
            let struck = ContinuousClock.now
            try await offPool { try redis.send(SIGKILL) }
            kills += 1
            try await offPool { try redis.restart() }
            record("redis SIGKILL", "redis-server", pid: pid, struck: struck)
        }
        return kills
    }

    /// Records one disturbance, its recovery time measured from `struck` to now.
    private func record(_ kind: String, _ process: String, pid: Int32, struck: ContinuousClock.Instant) {
        let recovery = ContinuousClock.now - struck
        context.disturbance(
            Evidence.Disturbance(
                kind: kind, process: process, pid: pid,
                atMs: context.evidence.elapsedMs - Int(recovery.wholeMilliseconds),
                recoveryMs: Int(recovery.wholeMilliseconds)))
    }
}
