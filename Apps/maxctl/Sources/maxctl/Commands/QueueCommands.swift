/// `maxctl queue <subcommand>`: dispatches to one command per file.
enum QueueCommands {
    static let help = """
        USAGE: maxctl queue <subcommand> <name> [options]

        SUBCOMMANDS:
          stats <name>        counts, instant and window figures, read from Redis

        Run `maxctl queue <subcommand> --help` for its options.
        """

    static func run(_ arguments: [String], environment: [String: String]) async throws -> ExitCode {
        guard let subcommand = arguments.first, !["--help", "-h", "help"].contains(subcommand) else {
            print(help)
            return arguments.isEmpty ? .unknown : .ok
        }
        let rest = Array(arguments.dropFirst())
        let wantsHelp = rest.contains("--help") || rest.contains("-h")
        switch subcommand {
        case "stats":
            if wantsHelp { return MaxCtl.printHelp(QueueStatsCommand.help) }
            return try await QueueStatsCommand(arguments: rest, environment: environment).run()
        default:
            throw UsageError("unknown queue subcommand '\(subcommand)'")
        }
    }
}
