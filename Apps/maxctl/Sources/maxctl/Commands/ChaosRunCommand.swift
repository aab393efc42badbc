import Chaos
import CommandLineArguments

/// `maxctl chaos run [--scenario NAME]... [--all] [--soak 10m [rates]] [--json] [--database URL]`: the chaos suite
/// (Packages/Chaos), the same runner as `make chaos`.
enum ChaosRunCommand {
    static let help = """
        maxctl chaos run — the chaos suite: real worker SIGKILLs, real Redis/Postgres restarts, every job accounted for

        USAGE: maxctl chaos run [--scenario NAME]... [--all] [--soak 10m [--kill-worker-every D]
                                [--crash-postgres-every D] [--kill-redis-every D]] [--json] [--database URL]

          --scenario NAME     run this scenario (repeatable; default: the spec's five)
          --all               every scenario, the extras too
          --soak D            a soak of duration D (e.g. 90s, 10m), alone or after the others: jobs through
                              `maxctl worker` and posts through monitoring-api's posts API, every one accounted for
          --kill-worker-every D        soak disturber: SIGKILL a worker every D (the default: 6s when none is named)
          --crash-postgres-every D     soak disturber: crash the posts' PostgreSQL every D (pg_ctl stop -m immediate
                                       and SIGKILL of the postmaster, alternately)
          --kill-redis-every D         soak disturber: SIGKILL Redis (AOF appendfsync always) every D
          --json              the report as JSON on stdout, progress on stderr
          --database URL      PostgreSQL for the attempt log (env CHAOS_DATABASE_URL; default: the suite's own)

        Starts its own redis-server and PostgreSQL on free loopback ports. Its workers are this maxctl's
        `worker` command; needs bin/monitoring-api (`make build`), or MONITORING_API (MAXCTL overrides the worker).
        Exit 0 when every scenario passed, 1 when one failed, 2 when the services could not start, 3 on bad
        arguments.
        """

    /// Runs `maxctl chaos <arguments>`.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ExitCode {
        guard arguments.first == "run" else { throw UsageError("the only chaos command is `run`") }
        let settings = MaxctlSettings(nil, environment: environment)
        let binaries = Binaries.locate(
            maxctl: settings.value(.chaosMaxctl), monitoringAPI: settings.value(.chaosMonitoringAPI))
        let status = await ChaosCommand.run(
            Array(arguments.dropFirst()), databaseURL: settings.value(.chaosDatabase), binaries: binaries)
        return ExitCode(rawValue: status) ?? .critical
    }
}
