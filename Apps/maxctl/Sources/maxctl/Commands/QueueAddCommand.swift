import CommandLineArguments
import Essentials
import Foundation
import QueueCore

/// `maxctl queue add <name> --name <job> --data '<json>' …`: adds jobs and prints their ids.
struct QueueAddCommand {
    static let help = """
        USAGE: maxctl queue add <queue> --name <job> [--data JSON] [--delay D] [--priority N] [--attempts N]
                                [--backoff exponential:<ms>|fixed:<ms>] [--job-id ID] [--count N] [options]

        Adds jobs in BullMQ's layout (Node and Python BullMQ workers can process them) and prints their ids,
        one per line.

        OPTIONS:
          --name JOB          the job name (required)
          --data JSON         the job data, a JSON value (default {})
          --delay D           run no earlier than D from now, e.g. 10s
          --priority N        1 is the highest; 0 (default) is no priority
          --attempts N        attempts before the job fails for good (default 1)
          --backoff K:MS      wait between attempts: exponential:<ms> or fixed:<ms>
          --job-id ID         a custom id (BullMQ ignores an add whose id exists); only with --count 1
          --count N           add N identical jobs in one round trip (default 1)
        \(CommonOptions.help)

        EXIT STATUS: 0 added, 1 refused by the queue, 2 Redis unreachable, 3 bad arguments.
        """

    let options: CommonOptions
    let queue: String
    let jobName: String
    let data: String
    let jobOptions: JobOptions
    let count: Int

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "queue add",
            values: ["name", "data", "delay", "priority", "attempts", "backoff", "job-id", "count"])
        (options, queue) = (arguments.options, arguments.queue)
        let parsed = arguments.parsed
        guard let name = parsed.value("name"), !name.isEmpty else {
            throw UsageError("queue add needs --name <job name>")
        }
        jobName = name
        data = parsed.value("data") ?? "{}"
        guard (try? JSONSerialization.jsonObject(with: Data(data.utf8), options: [.fragmentsAllowed])) != nil else {
            throw UsageError("--data must be JSON, e.g. '{\"to\":\"a@example.com\"}'")
        }
        var jobOptions = JobOptions()
        if let delay = parsed.value("delay") {
            jobOptions.delay = Int(try DurationText.parse(delay, option: "--delay").wholeMilliseconds)
        }
        jobOptions.priority = try Self.integer(parsed.value("priority"), "--priority", default: 0, minimum: 0)
        jobOptions.attempts = try Self.integer(parsed.value("attempts"), "--attempts", default: 0, minimum: 1)
        if let backoff = parsed.value("backoff") { jobOptions.backoff = try Self.backoff(backoff) }
        jobOptions.jobId = parsed.value("job-id")
        count = try Self.integer(parsed.value("count"), "--count", default: 1, minimum: 1)
        guard jobOptions.jobId == nil || count == 1 else { throw UsageError("--job-id works only with --count 1") }
        self.jobOptions = jobOptions
    }

    func run() async -> ExitCode {
        let newJob = Queue.NewJob(name: jobName, json: data, options: jobOptions)
        return await CommandFailure.reported {
            let ids = try await QueueSession.run(options, queue: queue) { queue in
                count == 1
                    ? [try await queue.add(jobName, json: data, options: jobOptions)]
                    : try await queue.addBulk(Array(repeating: newJob, count: count))
            }
            if options.json {
                Output.printJSON(Added(queue: queue, ids: ids))
            } else {
                ids.forEach { print($0) }
            }
            return .ok
        }
    }

    /// The `--json` document.
    struct Added: Encodable {
        let queue: String
        let ids: [String]
    }

    /// `text` as a whole number ≥ `minimum`, or `fallback` when absent.
    static func integer(_ text: String?, _ option: String, default fallback: Int, minimum: Int) throws(UsageError)
        -> Int
    {
        guard let text else { return fallback }
        guard let value = Int(text), value >= minimum else {
            throw UsageError("\(option) must be a whole number ≥ \(minimum)")
        }
        return value
    }

    /// `exponential:<ms>` or `fixed:<ms>`.
    static func backoff(_ text: String) throws(UsageError) -> Backoff {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let delay = Int(parts[1]), delay >= 0 else {
            throw UsageError("--backoff must be exponential:<ms> or fixed:<ms>, e.g. exponential:1000")
        }
        switch parts[0] {
        case "exponential": return Backoff(.exponential, delay: delay)
        case "fixed": return Backoff(.fixed, delay: delay)
        default: throw UsageError("--backoff must be exponential:<ms> or fixed:<ms>, e.g. exponential:1000")
        }
    }
}
