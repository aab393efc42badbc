import CommandLineArguments
import Foundation
import QueueCore

/// `maxctl queue events <name> [--from ID]`: follows the queue's events stream like `tail -f`.
struct QueueEventsCommand {
    static let help = """
        USAGE: maxctl queue events <queue> [--from ID | --from-start] [--max-events N] [options]

        Prints the queue's events as they happen (BullMQ's events stream, written by every client's workers
        and producers), one per line: time, event, job id, fields. Follows the stream until interrupted
        (Ctrl-C) or N events were printed; survives a Redis restart without losing its place.

        OPTIONS:
          --from ID           start after stream entry ID (printed in --json lines); default: from now
          --from-start        start with the oldest event the stream holds
          --max-events N      stop after N events
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 1 the stream cannot be read (a server error), 2 Redis unreachable at the
        start, 3 bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let start: QueueEvents.Start
    let maxEvents: Int?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue events", values: ["from", "max-events"],
            flags: ["from-start"])
        (options, queue) = (arguments.options, arguments.queue)
        let parsed = arguments.parsed
        switch (parsed.value("from"), parsed.flag("from-start")) {
        case (.some, true): throw UsageError("give --from ID or --from-start, not both")
        case (.some(let id), false): start = .after(id)
        case (nil, true): start = .beginning
        case (nil, false): start = .now
        }
        maxEvents =
            parsed.value("max-events") == nil
            ? nil : try QueueAddCommand.integer(parsed.value("max-events"), "--max-events", default: 1, minimum: 1)
    }

    /// One event as a `--json` line.
    struct Line: Encodable {
        let id: String
        let event: String
        let fields: [String: String]
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            try await QueueSession.run(options, queue: queue) { queue in
                _ = try await queue.isPaused()  // reachability: fail fast (exit 2) when Redis is down at the start
                var printed = 0
                for try await event in queue.events(from: start) {
                    options.json
                        ? Output.printJSON(Line(id: event.id, event: event.name, fields: event.fields), pretty: false)
                        : Output.printEvent(event)
                    printed += 1
                    if let maxEvents, printed >= maxEvents { break }
                }
            }
            return .ok
        }
    }
}
