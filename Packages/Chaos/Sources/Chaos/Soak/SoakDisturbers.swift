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

    /// What one strike did, for the evidence: the disturbance, the process and its pid at the time.
    private struct Strike {
        var kind: String
        var process: String
        var pid: Int32
    }

    /// Every `every` until `end`: runs `strike` (the n-th, from 0), which disturbs a process and returns once it
    /// serves again, and records the disturbance with the time from its start to then. Returns the strikes made.
    private func strikeRepeatedly(
        every: Duration, until end: ContinuousClock.Instant, _ strike: (_ index: Int) async throws -> Strike
    ) async throws -> Int {
        var count = 0
        while ContinuousClock.now.advanced(by: every) < end {
            try await Task.sleep(for: every)
            let struck = ContinuousClock.now
            let made = try await strike(count)
            count += 1
            let recovery = ContinuousClock.now - struck
            context.disturbance(
                Evidence.Disturbance(
                    kind: made.kind, process: made.process, pid: made.pid,
                    atMs: context.evidence.elapsedMs - Int(recovery.wholeMilliseconds),
                    recoveryMs: Int(recovery.wholeMilliseconds)))
        }
        return count
    }

    private func killWorkers(_ fleet: [ManagedProcess], every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        try await strikeRepeatedly(every: every, until: end) { index in
            let victim = fleet[index % fleet.count]
            let pid = victim.pid
            // `send` throws unless the kill was delivered and the worker died of it: every kill counted is real.
            try await context.send(SIGKILL, to: victim)
            let restarted = try await offPool { try victim.restart() }
            try await victim.waitForOutput("ready \(restarted)", timeout: .seconds(30))
            return Strike(kind: "worker SIGKILL", process: victim.name, pid: pid)
        }
    }

    private func crashPostgres(_ postgres: PostgresService, every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        try await strikeRepeatedly(every: every, until: end) { index in
            let pid = postgres.postmasterPID ?? 0
            // Alternate the two ways a database server dies: its own immediate shutdown (SIGQUIT: no
            // checkpoint) and a SIGKILL of the postmaster (its backends notice and exit).
            let kind: String
            if index % 2 == 0 {
                try await offPool { try postgres.stopImmediate() }
                kind = "postgres stop -m immediate"
            } else {
                _ = try await offPool { try postgres.killPostmaster() }
                kind = "postgres SIGKILL"
            }
            try await offPool { try postgres.start() }
            return Strike(kind: kind, process: "postgres", pid: pid)
        }
    }

    private func killRedis(_ redis: RedisService, every: Duration, until end: ContinuousClock.Instant)
        async throws -> Int
    {
        try await strikeRepeatedly(every: every, until: end) { _ in
            let pid = redis.pid
            try await offPool { try redis.send(SIGKILL) }
            try await offPool { try redis.restart() }
            return Strike(kind: "redis SIGKILL", process: "redis-server", pid: pid)
        }
    }
}
