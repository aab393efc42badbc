import CommandLineArguments
import Foundation
import QueueCore

/// `maxctl schedulers <queue> [list | upsert <id> … | remove <id>]`: a queue's BullMQ job schedulers.
struct SchedulersCommand {
    static let help = """
        USAGE: maxctl schedulers <queue> [list] [options]
               maxctl schedulers <queue> upsert <id> (--every D | --pattern CRON [--tz ZONE]) [schedule options]
               maxctl schedulers <queue> remove <id> [options]

        Lists, creates or changes, and removes the queue's job schedulers (BullMQ's upsertJobScheduler; Node and
        Python BullMQ workers run them as ours do). upsert replaces an existing scheduler's rule and template
        and prints the id of its pending iteration.

        SCHEDULE OPTIONS (upsert):
          --every D           fire every D, e.g. 30s (exactly one of --every and --pattern)
          --offset D          with --every: the offset within each interval
          --pattern CRON      a cron pattern, 5 fields or 6 with seconds first, e.g. '0 9 * * mon-fri'
          --tz ZONE           the IANA zone the pattern is read in (default UTC), e.g. Europe/Berlin
          --limit N           stop after N iterations
          --start-date T      no iteration before T (ISO 8601, e.g. 2027-01-01T00:00:00Z, or ms since 1970)
          --end-date T        no iteration after T
          --immediately       with --pattern: fire once now, then on the pattern
          --name JOB          the iterations' job name (default: the scheduler id)
          --data JSON         the iterations' data (default {})
          --attempts N        attempts per iteration (default 1)
          --priority N        the iterations' priority (default none)
        \(CommonOptions.help)

        EXIT STATUS: 0 done, 1 refused by the queue or unknown scheduler, 2 Redis unreachable, 3 bad arguments.
        """

    enum Action {
        case list
        case upsert(id: String, rule: RepeatOptions, template: JobTemplate)
        case remove(id: String)
    }

    let options: CommonOptions
    let queue: String
    let action: Action

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let arguments = try QueueCommandArguments(
            arguments, environment: environment, command: "schedulers",
            values: [
                "every", "offset", "pattern", "tz", "limit", "start-date", "end-date", "name", "data", "attempts",
                "priority",
            ], flags: ["immediately"], operands: 1...Int.max, usage: "schedulers takes a queue name")
        (options, queue) = (arguments.options, arguments.queue)
        let (parsed, positionals) = (arguments.parsed, arguments.parsed.positionals)
        switch (positionals.dropFirst().first ?? "list", positionals.count) {
        case ("list", 1...2): action = .list
        case ("upsert", 3):
            action = .upsert(
                id: positionals[2], rule: try SchedulerArguments.rule(parsed),
                template: try SchedulerArguments.template(parsed))
        case ("remove", 3): action = .remove(id: positionals[2])
        case (let verb, _) where ["list", "upsert", "remove"].contains(verb):
            throw UsageError("schedulers \(verb) takes \(verb == "list" ? "no" : "one") scheduler id")
        case (let verb, _): throw UsageError("unknown schedulers action '\(verb)' (list, upsert or remove)")
        }
    }

    func run() async -> ExitCode {
        await CommandFailure.reported {
            switch action {
            case .list:
                let schedulers = try await QueueSession.run(options, queue: queue) {
                    try await $0.jobSchedulers(range: 0...999, ascending: true)
                }
                options.json
                    ? Output.printJSON(schedulers.map(SchedulerRow.init))
                    : Output.printSchedulers(queue: queue, schedulers)
            case .upsert(let id, let rule, let template):
                let next = try await QueueSession.run(options, queue: queue) {
                    try await $0.upsertJobScheduler(id, repeat: rule, template: template)
                }
                options.json
                    ? Output.printJSON(["queue": queue, "scheduler": id, "next": next ?? ""])
                    : print(
                        "\(queue): scheduler \(id) upserted; pending iteration \(next ?? "none (limit or end date)")")
            case .remove(let id):
                let removed = try await QueueSession.run(options, queue: queue) { try await $0.removeJobScheduler(id) }
                guard removed else {
                    Output.printError("queue \(queue): no job scheduler '\(id)'")
                    return .warning
                }
                options.json
                    ? Output.printJSON(["queue": queue, "removed": id]) : print("\(queue): scheduler \(id) removed")
            }
            return .ok
        }
    }
}

/// One scheduler in `maxctl schedulers --json`.
struct SchedulerRow: Encodable {
    let id: String
    let name: String
    let every: Int?
    let offset: Int?
    let pattern: String?
    let tz: String?
    let limit: Int?
    let startDate: Int64?
    let endDate: Int64?
    let next: Int64?
    let iterations: Int?

    init(_ scheduler: JobScheduler) {
        id = scheduler.id
        name = scheduler.name
        every = scheduler.rule.every
        offset = scheduler.rule.offset
        pattern = scheduler.rule.pattern
        tz = scheduler.rule.tz
        limit = scheduler.rule.limit
        startDate = scheduler.rule.startDate
        endDate = scheduler.rule.endDate
        next = scheduler.next
        iterations = scheduler.iterationCount
    }
}
