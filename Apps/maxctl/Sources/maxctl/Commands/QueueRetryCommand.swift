import CommandLineArguments

/// `maxctl queue retry <name> (<jobId> | --all-failed)`: moves failed jobs back to wait.
struct QueueRetryCommand {
    static let help = """
        USAGE: maxctl queue retry <queue> (<jobId> | --all-failed) [options]

        Moves one failed job, or every failed job, back to wait (attempts made are kept, as in BullMQ).

        OPTIONS:
          --all-failed        retry every failed job of the queue
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 1 the job is not failed or does not exist, 2 Redis unreachable, 3 bad arguments.
        """

    /// The `--json` document.
    struct Retried: Encodable {
        let queue: String
        let retried: Int
    }

    let options: CommonOptions
    let queue: String
    let jobID: String?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let usage = "queue retry takes a queue name and either a job id or --all-failed"
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue retry", flags: ["all-failed"], operands: 1...2,
            usage: usage)
        (options, queue) = (arguments.options, arguments.queue)
        switch (arguments.parsed.positionals.count, arguments.parsed.flag("all-failed")) {
        case (2, false): jobID = arguments.parsed.positionals[1]
        case (1, true): jobID = nil
        default: throw UsageError(usage)
        }
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let retried = try await QueueSession.run(options, queue: queue) { queue in
                if let jobID {
                    try await queue.retry(jobID)
                    return 1
                }
                let before = try await queue.counts()[.failed] ?? 0
                try await queue.retryAll(.failed)
                return before - (try await queue.counts()[.failed] ?? 0)
            }
            let what = jobID.map { "job \($0)" } ?? "\(retried) failed jobs"
            options.json
                ? Output.printJSON(Retried(queue: queue, retried: retried))
                : print("\(queue): \(what) moved back to wait")
            return .ok
        }
    }
}
