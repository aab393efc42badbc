/// `maxctl queues`: every queue under the prefix, read from Redis directly (works without the server).
struct QueuesCommand {
    static let help = """
        USAGE: maxctl queues [--window D] [options]

        Lists the BullMQ queues under the prefix (found by their meta keys) with their job counts per
        state, stalled jobs, and what finished over --window, measured by two readings from Redis.

        OPTIONS:
          --window D          how long to measure the window figures (default 5s)
        \(CommonOptions.help)

        EXIT STATUS: 0 read, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    let window: Duration

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["window"]),
            flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.isEmpty else {
            throw UsageError("queues takes no operands (got '\(parsed.positionals[0])')")
        }
        options = try CommonOptions(parsed, environment: environment)
        window = try DurationParser.parse(parsed.value("window") ?? "5s", option: "--window")
    }

    func run() async -> ExitCode {
        do {
            let measurement = try await QueueMeasurement.measure(options: options, queues: nil, window: window)
            options.json ? Output.printJSON(measurement) : Output.printQueues(measurement)
            return .ok
        } catch {
            Output.printError(error.description)
            return error.exitCode
        }
    }
}
