import CommandLineArguments
import Foundation
import PostgresClient
import RedisClient

/// `maxctl doctor`: checks the toolchain, Redis and Postgres, and prints each finding with a fix hint.
struct DoctorCommand {
    static let help = """
        USAGE: maxctl doctor [--redis URL] [--database URL] [--prefix P] [--timeout DURATION] [--json]

        Checks what Max Booster needs and says how to fix what is wrong:
          toolchain        maxctl, Swift, hiredis and libpq versions
          redis            reachable, version >= 6.2, round-trip latency (median of 5 PINGs)
          redis-eviction   maxmemory-policy must be noeviction (other policies let Redis drop jobs)
          legacy-paused    queues holding a legacy `paused` list (a Node BullMQ 5.x or older pause)
          postgres         reachable, server version

        OPTIONS:
          --redis URL         Redis to check (env REDIS_URL, default redis://127.0.0.1:6379)
          --database URL      PostgreSQL to check (env DATABASE_URL, default postgres://127.0.0.1:5432/maxbooster)
          --prefix P          BullMQ key prefix of the queues checked (env QUEUE_PREFIX, default bull)
          --timeout DURATION  connect and command timeout, e.g. 500ms, 5s (default 5s)
          --json              print one JSON document instead of the table
          --help              show this help

        EXIT STATUS: 0 all pass, 1 a warning, 2 a dependency down, 3 bad arguments.
        """

    let redisURL: String
    let databaseURL: String
    let prefix: String
    let timeout: Duration
    let json: Bool

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: ["redis", "database", "prefix", "timeout"], flagOptions: ["json"])
        guard parsed.positionals.isEmpty else {
            throw UsageError("doctor takes no operands (got '\(parsed.positionals[0])')")
        }
        let settings = MaxctlSettings(parsed, environment: environment)
        redisURL = settings.string(.redis)
        databaseURL = settings.string(.database)
        prefix = settings.string(.prefix)
        timeout = try DurationText.parse(parsed.value("timeout") ?? "5s", option: "--timeout")
        json = parsed.flag("json")
    }

    /// Runs every check; never throws: a failure is a `critical` check.
    func run() async -> DoctorReport {
        async let redis = RedisProbe(url: redisURL, timeout: timeout, prefix: prefix).checks()
        async let postgres = PostgresProbe(url: databaseURL, timeout: timeout).check()
        return DoctorReport(checks: [toolchainCheck()] + (await redis) + [await postgres])
    }

    private func toolchainCheck() -> DoctorCheck {
        let details = [
            "maxctl": MaxctlVersion.string, "swift": MaxCtl.swiftVersion, "hiredis": RedisClient.hiredisVersion,
            "libpq": PostgresClient.libpqVersion,
        ]
        return DoctorCheck(
            name: "toolchain", status: .ok,
            message:
                "maxctl \(MaxctlVersion.string) (Swift \(MaxCtl.swiftVersion)), hiredis \(RedisClient.hiredisVersion), libpq \(PostgresClient.libpqVersion)",
            details: details)
    }
}
