import CommandLineArguments

/// `maxctl queue pause <name>` and `maxctl queue resume <name>`: BullMQ 6.x pause (jobs stay in wait,
/// `meta.paused` stops every worker) and resume.
struct QueuePauseCommand {
    static func help(resume: Bool) -> String {
        """
        USAGE: maxctl queue \(resume ? "resume" : "pause") <queue> [options]

        \(resume ? "Resumes a paused queue: workers fetch again (a legacy 5.x paused list is merged back)."
            : "Pauses a queue: every worker (ours, Node or Python BullMQ) stops fetching; jobs stay waiting.")

        OPTIONS:
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 2 Redis unreachable, 3 bad arguments.
        """
    }

    /// The `--json` document.
    struct PauseState: Encodable {
        let queue: String
        let paused: Bool
    }

    let options: CommonOptions
    let queue: String
    let resume: Bool

    init(arguments: [String], environment: [String: String], resume: Bool) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue \(resume ? "resume" : "pause")")
        (options, queue) = (arguments.options, arguments.queue)
        self.resume = resume
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let paused = try await QueueSession.run(options, queue: queue) { queue in
                resume ? try await queue.resume() : try await queue.pause()
                return try await queue.isPaused()
            }
            options.json
                ? Output.printJSON(PauseState(queue: queue, paused: paused))
                : print("\(queue): \(paused ? "paused" : "running")")
            return .ok
        }
    }
}
