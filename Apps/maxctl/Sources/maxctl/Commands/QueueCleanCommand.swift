import CommandLineArguments
import QueueCore

/// `maxctl queue clean <name> --state <state> --grace <duration> --yes`: deletes old jobs of one state.
struct QueueCleanCommand {
    static let help = """
        USAGE: maxctl queue clean <queue> --state <state> --grace <duration> --yes [--limit N] [options]

        Deletes jobs of one state older than the grace period (finish time for completed and failed jobs,
        creation time otherwise; active jobs a worker holds are kept). Deletion cannot be undone: --yes
        is required.

        OPTIONS:
          --state S           completed, failed, waiting, delayed, prioritized or active (required)
          --grace D           keep jobs younger than D, e.g. 24h (required; 0 deletes all)
          --limit N           delete at most N jobs (default: all)
          --yes               confirm the deletion
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 2 Redis unreachable, 3 bad arguments or no --yes.
        """

    let options: CommonOptions
    let queue: String
    let state: JobState
    let grace: Duration
    let limit: Int

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue clean", values: ["state", "grace", "limit"],
            flags: ["yes"])
        (options, queue) = (arguments.options, arguments.queue)
        let parsed = arguments.parsed
        state = try QueueJobsCommand.state(parsed.value("state"))
        guard let grace = parsed.value("grace") else { throw UsageError("queue clean needs --grace, e.g. --grace 24h") }
        self.grace = try DurationText.parse(grace, option: "--grace")
        limit = try QueueAddCommand.integer(parsed.value("limit"), "--limit", default: 0, minimum: 1)
        try arguments.requireDeletionConfirmed("queue clean")
    }

    /// The `--json` document.
    struct Cleaned: Encodable {
        let queue: String
        let state: String
        let removed: [String]
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let removed = try await QueueSession.run(options, queue: queue) { queue in
                try await queue.clean(grace: grace, limit: limit, state: state)
            }
            options.json
                ? Output.printJSON(Cleaned(queue: queue, state: state.rawValue, removed: removed))
                : print(
                    "\(queue): removed \(removed.count) \(state.rawValue) jobs older than \(DurationText.format(grace))"
                )
            return .ok
        }
    }
}
