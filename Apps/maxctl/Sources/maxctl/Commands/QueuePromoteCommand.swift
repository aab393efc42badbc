import CommandLineArguments

/// `maxctl queue promote <name> <jobId>`: makes a delayed job ready now.
struct QueuePromoteCommand {
    static let help = """
        USAGE: maxctl queue promote <queue> <jobId> [options]

        Makes a delayed job ready now.

        OPTIONS:
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 1 the job is not delayed or does not exist, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let jobID: String

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue promote", operands: 2...2,
            usage: "queue promote takes a queue name and a job id")
        (options, queue) = (arguments.options, arguments.queue)
        jobID = arguments.parsed.positionals[1]
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            try await QueueSession.run(options, queue: queue) { try await $0.promote(jobID) }
            options.json
                ? Output.printJSON(["queue": queue, "promoted": jobID]) : print("\(queue): job \(jobID) is ready now")
            return .ok
        }
    }
}
