import CommandLineArguments
import Foundation
import QueueCore

/// `maxctl queue job <name> <id>`: one job in full, with its state and logs.
struct QueueJobCommand {
    static let help = """
        USAGE: maxctl queue job <queue> <jobId> [--logs N] [options]

        Shows one job: state, name, data, options, attempts, timings, progress, return value, failure reason
        and stack, the job scheduler or flow parent it belongs to, its flow children (processed with their
        values, unprocessed, failed, ignored with their reasons), and its newest log lines.

        OPTIONS:
          --logs N            show at most the N newest log lines (default 20)
        \(CommonOptions.help)

        EXIT STATUS: 0 shown, 1 no such job, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let jobID: String
    let logLimit: Int

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue job", values: ["logs"], operands: 2...2,
            usage: "queue job takes a queue name and a job id")
        (options, queue) = (arguments.options, arguments.queue)
        jobID = arguments.parsed.positionals[1]
        logLimit = try QueueAddCommand.integer(arguments.parsed.value("logs"), "--logs", default: 20, minimum: 1)
    }

    /// The `--json` document.
    struct Detail: Encodable {
        let id: String
        let state: String
        let name: String
        let data: String
        let options: String
        let attemptsMade: Int
        let attemptsStarted: Int
        let stalledCount: Int
        let timestamp: Int64
        let processedOn: Int64?
        let finishedOn: Int64?
        let delay: Int
        let priority: Int
        let progress: String?
        let returnValue: String?
        let failedReason: String?
        let stacktrace: [String]
        let scheduler: String?
        let parent: String?
        let children: [Child]
        let logs: [String]
        let logCount: Int
    }

    /// A flow child of the job: its key, what became of it (`processed`, `unprocessed`, `failed`,
    /// `ignored`), and its return value or failure reason when recorded.
    struct Child: Encodable {
        let key: String
        let outcome: String
        let value: String?

        static func all(_ dependencies: JobDependencies) -> [Child] {
            dependencies.processed.sorted { $0.key < $1.key }.map {
                Child(key: $0.key, outcome: "processed", value: $0.value)
            }
                + dependencies.unprocessed.map { Child(key: $0, outcome: "unprocessed", value: nil) }
                + dependencies.failed.map { Child(key: $0, outcome: "failed", value: nil) }
                + dependencies.ignored.sorted { $0.key < $1.key }.map {
                    Child(key: $0.key, outcome: "ignored", value: $0.value)
                }
        }
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            let detail = try await QueueSession.run(options, queue: queue) { queue -> Detail? in
                guard let job = try await queue.job(jobID) else { return nil }
                let state = try await queue.state(of: jobID)
                let logs = try await queue.logs(jobID, start: 0, end: logLimit - 1, ascending: false)
                let children = Child.all(try await queue.dependencies(of: jobID))
                return Detail(
                    id: job.id, state: state.rawValue, name: job.name, data: job.data,
                    options: job.fields["opts"] ?? "{}",
                    attemptsMade: job.attemptsMade, attemptsStarted: job.attemptsStarted,
                    stalledCount: job.stalledCounter, timestamp: job.timestamp, processedOn: job.processedOn,
                    finishedOn: job.finishedOn, delay: job.delay, priority: job.priority, progress: job.progress,
                    returnValue: job.returnValue, failedReason: job.failedReason, stacktrace: job.stacktrace,
                    scheduler: job.fields["rjk"], parent: job.parent?.key, children: children,
                    logs: logs.lines.reversed(),
                    logCount: logs.count)
            }
            guard let detail else { throw CommandFailure("queue \(queue): no job '\(jobID)'", exitCode: .warning) }
            options.json ? Output.printJSON(detail) : Output.printJob(detail)
            return .ok
        }
    }
}
