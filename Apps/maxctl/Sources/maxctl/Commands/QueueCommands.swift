import CommandLineArguments

/// `maxctl queue <subcommand>`: dispatches to one command per file.
enum QueueCommands {
    static let help = """
        USAGE: maxctl queue <subcommand> <name> [options]

        SUBCOMMANDS:
          stats <name>                      counts, instant and window figures, read from Redis
          add <name> --name JOB ...         add jobs, print their ids
          pause <name> | resume <name>      stop or restart every worker of the queue
          jobs <name> --state S             list jobs of one state
          job <name> <id>                   one job in full: state, data, options, attempts, stack, logs
          events <name> [--from ID]         follow the queue's events like tail -f
          retry <name> (<id> | --all-failed) move failed jobs back to wait
          promote <name> <id>               make a delayed job ready now
          clean <name> --state S --grace D --yes   delete old jobs of one state
          drain <name> [--delayed] --yes    delete every waiting (and delayed) job; schedulers keep firing

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
        case "add":
            if wantsHelp { return MaxCtl.printHelp(QueueAddCommand.help) }
            return try await QueueAddCommand(arguments: rest, environment: environment).run()
        case "pause", "resume":
            let resume = subcommand == "resume"
            if wantsHelp { return MaxCtl.printHelp(QueuePauseCommand.help(resume: resume)) }
            return try await QueuePauseCommand(arguments: rest, environment: environment, resume: resume).run()
        case "jobs":
            if wantsHelp { return MaxCtl.printHelp(QueueJobsCommand.help) }
            return try await QueueJobsCommand(arguments: rest, environment: environment).run()
        case "job":
            if wantsHelp { return MaxCtl.printHelp(QueueJobCommand.help) }
            return try await QueueJobCommand(arguments: rest, environment: environment).run()
        case "events":
            if wantsHelp { return MaxCtl.printHelp(QueueEventsCommand.help) }
            return try await QueueEventsCommand(arguments: rest, environment: environment).run()
        case "retry":
            if wantsHelp { return MaxCtl.printHelp(QueueRetryCommand.help) }
            return try await QueueRetryCommand(arguments: rest, environment: environment).run()
        case "promote":
            if wantsHelp { return MaxCtl.printHelp(QueuePromoteCommand.help) }
            return try await QueuePromoteCommand(arguments: rest, environment: environment).run()
        case "clean":
            if wantsHelp { return MaxCtl.printHelp(QueueCleanCommand.help) }
            return try await QueueCleanCommand(arguments: rest, environment: environment).run()
        case "drain":
            if wantsHelp { return MaxCtl.printHelp(QueueDrainCommand.help) }
            return try await QueueDrainCommand(arguments: rest, environment: environment).run()
        default:
            throw UsageError("unknown queue subcommand '\(subcommand)'")
        }
    }
}
