import CommandLineArguments

/// `maxctl queue stats <name>`: one queue's counts, instant figures and window figures, from Redis.
struct QueueStatsCommand {
    static let help = """
        USAGE: maxctl queue stats <name> [--window D] [options]

        One queue read from Redis directly: counts per state (BullMQ's names), stalled jobs, age of the
        oldest waiting job, paused, and what finished in the last full minute, answered at once, with each
        figure's source: completed and failed from BullMQ's per-minute metrics lists, else from an events
        stream still holding that minute, else none; retries from that stream; processing time from the
        finished jobs. --window measures live instead, by two readings D apart.

        OPTIONS:
          --window D          measure live over D instead of reading the last full minute
        \(CommonOptions.help)

        EXIT STATUS: 0 read, 2 Redis unreachable, 3 unknown queue or bad arguments.
        """

    let options: CommonOptions
    let queue: String
    /// The live window; nil: the last full minute.
    let window: Duration?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let measuring = try MeasurementArguments(arguments)
        let operands = measuring.parsed.positionals
        guard operands.count == 1 else { throw UsageError("queue stats takes one queue name") }
        queue = operands[0]
        (options, window) = try measuring.options(environment: environment)
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let measurement = try await QueueMeasurement.measure(
                options: options, queues: [queue], window: window, retries: true)
            guard let sample = measurement.queues.first else { return .unknown }
            options.json ? Output.printJSON(sample) : Output.printQueueStats(sample, mode: measurement.mode)
            return .ok
        }
    }
}
