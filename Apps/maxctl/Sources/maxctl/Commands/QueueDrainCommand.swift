import CommandLineArguments

/// `maxctl queue drain <name> [--delayed] --yes`: deletes every waiting job (and delayed ones with --delayed).
struct QueueDrainCommand {
    static let help = """
        USAGE: maxctl queue drain <queue> [--delayed] --yes [options]

        Deletes every waiting and prioritized job of the queue, and every delayed one with --delayed, as
        BullMQ's drain does: active, completed and failed jobs stay, and so does each job scheduler's pending
        iteration (the schedulers keep firing). Deletion cannot be undone: --yes is required.

        OPTIONS:
          --delayed           delete delayed jobs too
          --yes               confirm the deletion
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 2 Redis unreachable, 3 bad arguments or no --yes.
        """

    let options: CommonOptions
    let queue: String
    let includeDelayed: Bool

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue drain", flags: ["delayed", "yes"])
        (options, queue) = (arguments.options, arguments.queue)
        includeDelayed = arguments.parsed.flag("delayed")
        try arguments.requireDeletionConfirmed("queue drain")
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            try await QueueSession.run(options, queue: queue) { try await $0.drain(includeDelayed: includeDelayed) }
            options.json
                ? Output.printJSON(["queue": queue, "drained": includeDelayed ? "waiting and delayed" : "waiting"])
                : print("\(queue): deleted every waiting\(includeDelayed ? " and delayed" : "") job")
            return .ok
        }
    }
}
