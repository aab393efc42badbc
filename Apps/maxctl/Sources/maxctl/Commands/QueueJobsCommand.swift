import CommandLineArguments
import Foundation
import QueueCore

/// `maxctl queue jobs <name> --state <state> [--limit n]`: the jobs in one state, newest first.
struct QueueJobsCommand {
    static let help = """
        USAGE: maxctl queue jobs <queue> --state <state> [--limit N] [options]

        Lists jobs of one state, newest first: id, name, attempts, times, and the failure reason.
        States: waiting, active, delayed, prioritized, completed, failed, waiting-children.

        OPTIONS:
          --state S           the state to list (required)
          --limit N           at most N jobs (default 20)
        \(CommonOptions.help)

        EXIT STATUS: 0 listed, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let state: JobState
    let limit: Int

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue jobs", values: ["state", "limit"])
        (options, queue) = (arguments.options, arguments.queue)
        state = try Self.state(arguments.parsed.value("state"))
        limit = try QueueAddCommand.integer(arguments.parsed.value("limit"), "--limit", default: 20, minimum: 1)
    }

    /// The states a command may name (the real ones, not `paused`/`unknown`).
    static func state(_ text: String?) throws(UsageError) -> JobState {
        let states: [JobState] = [.waiting, .active, .delayed, .prioritized, .completed, .failed, .waitingChildren]
        guard let text, let state = JobState(rawValue: text), states.contains(state) else {
            throw UsageError("--state must be one of: \(states.map(\.rawValue).joined(separator: ", "))")
        }
        return state
    }

    /// One job as `--json` prints it.
    struct Row: Encodable {
        let id: String
        let name: String
        let attemptsMade: Int
        let timestamp: Int64
        let processedOn: Int64?
        let finishedOn: Int64?
        let failedReason: String?
        let data: String
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let jobs = try await QueueSession.run(options, queue: queue) { queue in
                try await queue.jobs(in: state, range: 0...(limit - 1))
            }
            let rows = jobs.map {
                Row(
                    id: $0.id, name: $0.name, attemptsMade: $0.attemptsMade, timestamp: $0.timestamp,
                    processedOn: $0.processedOn, finishedOn: $0.finishedOn, failedReason: $0.failedReason, data: $0.data
                )
            }
            if options.json {
                Output.printJSON(rows)
            } else {
                var table = Table("ID", "NAME", "ATTEMPTS", "CREATED", "FINISHED", "REASON")
                let formatter = ISO8601DateFormatter()
                func time(_ ms: Int64?) -> String {
                    ms.map { formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1000)) } ?? "-"
                }
                for row in rows {
                    table.add(
                        row.id, row.name, "\(row.attemptsMade)", time(row.timestamp), time(row.finishedOn),
                        String((row.failedReason ?? "").prefix(60)))
                }
                print(rows.isEmpty ? "no \(state.rawValue) jobs in \(queue)" : table.text)
            }
            return .ok
        }
    }
}
