import Chaos

/// `maxctl chaos run [--scenario NAME]... [--all] [--soak 10m] [--json]`: the chaos suite (Packages/Chaos),
/// the same runner as `make chaos`.
enum ChaosRunCommand {
    static let help = """
        maxctl chaos run — the chaos suite: real worker SIGKILLs, real Redis/Postgres restarts, every job accounted for

        USAGE: maxctl chaos run [--scenario NAME]... [--all] [--soak 10m] [--json] [--database-url URL]

        Starts its own redis-server and PostgreSQL on free loopback ports. Its workers are this maxctl's
        `worker` command; needs bin/monitoring-api (`make build`), or MONITORING_API (MAXCTL overrides the worker).
        Exit 0 when every scenario passed, 2 when one failed or the services could not start, 3 on bad arguments.
        """

    /// Runs `maxctl chaos <arguments>`.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ExitCode {
        guard arguments.first == "run" else { throw UsageError("the only chaos command is `run`") }
        switch await ChaosCommand.run(Array(arguments.dropFirst()), environment: environment) {
        case 0: return .ok
        case 64: return .unknown
        default: return .critical
        }
    }
}
