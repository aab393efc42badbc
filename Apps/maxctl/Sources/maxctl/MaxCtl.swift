import CommandLineArguments
import Foundation

/// `maxctl`, the admin CLI of Max Booster Safeguards.
@main
enum MaxCtl {

    /// The Swift language version the binary was built with.
    static var swiftVersion: String {
        #if compiler(>=6.3)
        "6.3+"
        #elseif compiler(>=6.2)
        "6.2"
        #else
        "6.0"
        #endif
    }

    static let help = """
        maxctl \(MaxctlVersion.string) — the admin CLI of Max Booster Safeguards

        USAGE: maxctl <command> [options]

        COMMANDS:
          doctor               check the toolchain, Redis and PostgreSQL, with a fix hint for each problem
          health               system health from monitoring-api (exit 0 healthy, 1 degraded, 2 unhealthy, 3 unknown)
          queues               every queue's counts and window figures, read from Redis
          queue stats <name>   one queue's figures, read from Redis
          ai                   AI model cache telemetry from monitoring-api
          alerts               active alerts, or --history of transitions, from monitoring-api (exit like ai)
          audit                the audit log of admin actions and refused writes, from monitoring-api
          queue <subcommand>   queue admin: add, pause, resume, jobs, retry, promote, clean, drain (see `maxctl queue --help`)
          schedulers <queue>   list, upsert, remove the queue's job schedulers (see `maxctl schedulers --help`)
          worker <queue>       a worker process (noop, echo, sleep, fail processors) that closes gracefully on SIGTERM
          posts <subcommand>   schedule, show, list, cancel posts (API); suggest-time (Postgres; see `maxctl posts --help`)
          models seed          fit and store per-user models in PostgreSQL (see `maxctl models --help`)
          baseline capture     measure latency percentiles (queues, API, Redis, model loads) into a JSON baseline
          baseline compare     compare now with a baseline (exit 0 within tolerance, 1 worse, 2 far worse, 3 unknown)
          chaos run            the chaos suite (worker crashes, restarts, retries, monitoring; see `maxctl chaos --help`)
          version              print the version

        Run `maxctl <command> --help` for a command's options. Every command takes --json.
        """

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code = await run(arguments, environment: ProcessInfo.processInfo.environment)
        exit(code.rawValue)
    }

    static func run(_ arguments: [String], environment: [String: String]) async -> ExitCode {
        guard let command = arguments.first, command != "--help", command != "-h", command != "help" else {
            print(help)
            return arguments.isEmpty ? .unknown : .ok
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "doctor":
                if rest.contains("--help") {
                    print(DoctorCommand.help)
                    return .ok
                }
                let doctor = try DoctorCommand(arguments: rest, environment: environment)
                let report = await doctor.run()
                doctor.json ? Output.printJSON(report) : Output.printDoctor(report)
                return report.exitCode
            case "health", "queues", "ai", "alerts", "audit", "queue", "worker", "schedulers":
                return try await runMonitoring(command, rest, environment: environment)
            case "posts":
                if rest.contains("--help") { return printHelp(PostsCommand.help) }
                return try await PostsCommand.run(rest, environment: environment)
            case "models":
                if rest.contains("--help") { return printHelp(ModelsCommand.help) }
                return try await ModelsCommand(arguments: rest, environment: environment).run()
            case "baseline":
                if rest.contains("--help") || rest.contains("-h") { return printHelp(BaselineCommand.help) }
                return try await BaselineCommand(arguments: rest, environment: environment).run()
            case "chaos":
                if rest.contains("--help") { return printHelp(ChaosRunCommand.help) }
                return try await ChaosRunCommand.run(rest, environment: environment)
            case "version", "--version":
                print("maxctl \(MaxctlVersion.string)")
                return .ok
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch {
            let known = [
                "doctor", "health", "queues", "ai", "alerts", "audit", "queue", "worker", "schedulers", "chaos",
                "posts",
                "models", "baseline",
            ].contains(
                command)
            Output.printError("\(error) (see `maxctl \(known ? command + " " : "")--help`)")
            return .unknown
        }
    }

    /// The monitoring and queue commands: `--help` anywhere prints the command's help.
    static func runMonitoring(_ command: String, _ rest: [String], environment: [String: String]) async throws
        -> ExitCode
    {
        let wantsHelp = rest.contains("--help") || rest.contains("-h")
        switch command {
        case "health":
            if wantsHelp { return printHelp(HealthCommand.help) }
            return try await HealthCommand(arguments: rest, environment: environment).run()
        case "queues":
            if wantsHelp { return printHelp(QueuesCommand.help) }
            return try await QueuesCommand(arguments: rest, environment: environment).run()
        case "ai":
            if wantsHelp { return printHelp(AICommand.help) }
            return try await AICommand(arguments: rest, environment: environment).run()
        case "alerts":
            if wantsHelp { return printHelp(AlertsCommand.help) }
            return try await AlertsCommand(arguments: rest, environment: environment).run()
        case "audit":
            if wantsHelp { return printHelp(AuditCommand.help) }
            return try await AuditCommand(arguments: rest, environment: environment).run()
        case "worker":
            if wantsHelp { return printHelp(WorkerCommand.help) }
            return try await WorkerCommand(arguments: rest, environment: environment).run()
        case "schedulers":
            if wantsHelp { return printHelp(SchedulersCommand.help) }
            return try await SchedulersCommand(arguments: rest, environment: environment).run()
        default:
            return try await QueueCommands.run(rest, environment: environment)
        }
    }

    /// Prints `text` and answers `.ok`.
    static func printHelp(_ text: String) -> ExitCode {
        print(text)
        return .ok
    }
}
