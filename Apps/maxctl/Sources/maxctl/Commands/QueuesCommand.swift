import CommandLineArguments

/// `maxctl queues`: every queue under the prefix, read from Redis directly (works without the server).
struct QueuesCommand {
    static let help = """
        USAGE: maxctl queues [--window D] [options]

        Lists the BullMQ queues under the prefix (found by their meta keys) with their job counts per
        state, stalled jobs, and what finished in the last full minute, answered at once: completed and
        failed from BullMQ's per-minute metrics lists (metrics:completed / metrics:failed, kept by workers
        with metrics on), else from an events stream still holding that minute, else none (no number).
        SOURCE says which; --window measures live instead, by two readings D apart.

        OPTIONS:
          --window D          measure live over D instead of reading the last full minute
        \(CommonOptions.help)

        EXIT STATUS: 0 read, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    /// The live window; nil: the last full minute.
    let window: Duration?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let measuring = try MeasurementArguments(arguments)
        if let operand = measuring.parsed.positionals.first {
            throw UsageError("queues takes no operands (got '\(operand)')")
        }
        (options, window) = try measuring.options(environment: environment)
    }

    func run() async -> ExitCode {
        do {
            let measurement = try await QueueMeasurement.measure(
                options: options, queues: nil, window: window, retries: false)
            options.json ? Output.printJSON(measurement) : Output.printQueues(measurement)
            return .ok
        } catch {
            Output.printError(error.description)
            return error.exitCode
        }
    }
}
