/// `maxctl queue stats <name>`: one queue's counts, instant figures and window figures, from Redis.
struct QueueStatsCommand {
    static let help = """
        USAGE: maxctl queue stats <name> [--window D] [options]

        One queue read from Redis directly: counts per state (BullMQ's names), stalled jobs, age of the
        oldest waiting job, paused, and what finished over --window with each figure's source.

        OPTIONS:
          --window D          how long to measure the window figures (default 5s)
        \(CommonOptions.help)

        EXIT STATUS: 0 read, 2 Redis unreachable, 3 unknown queue or bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let window: Duration

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["window"]),
            flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.count == 1 else { throw UsageError("queue stats takes one queue name") }
        queue = parsed.positionals[0]
        options = try CommonOptions(parsed, environment: environment)
        window = try DurationParser.parse(parsed.value("window") ?? "5s", option: "--window")
    }

    func run() async -> ExitCode {
        do {
            let measurement = try await QueueMeasurement.measure(options: options, queues: [queue], window: window)
            guard let sample = measurement.queues.first else { return .unknown }
            options.json ? Output.printJSON(sample) : Output.printQueueStats(sample)
            return .ok
        } catch {
            Output.printError(error.description)
            return error.exitCode
        }
    }
}
