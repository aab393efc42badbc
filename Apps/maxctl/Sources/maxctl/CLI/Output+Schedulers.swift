import CommandLineArguments
import Foundation
import QueueCore

extension Output {
    /// `maxctl schedulers <queue>`: one row per scheduler, earliest next run first.
    static func printSchedulers(queue: String, _ schedulers: [JobScheduler]) {
        guard !schedulers.isEmpty else {
            print("\(queue): no job schedulers")
            return
        }
        var table = Table("SCHEDULER", "NAME", "RULE", "NEXT RUN (UTC)", "ITERATIONS", "LIMIT")
        let formatter = ISO8601DateFormatter()
        for scheduler in schedulers {
            let next = scheduler.next.map { formatter.string(from: Date(timeIntervalSince1970: Double($0) / 1000)) }
            table.add(
                scheduler.id, scheduler.name, ruleText(scheduler.rule), next ?? "-",
                scheduler.iterationCount.map(String.init) ?? "-", scheduler.rule.limit.map(String.init) ?? "-")
        }
        print(table.text)
    }

    private static func ruleText(_ rule: RepeatOptions) -> String {
        if let every = rule.every {
            let offset = rule.offset.map { $0 > 0 ? " +\(DurationText.format(.milliseconds($0)))" : "" } ?? ""
            return "every \(DurationText.format(.milliseconds(every)))\(offset)"
        }
        return "cron '\(rule.pattern ?? "")'\(rule.tz.map { " \($0)" } ?? "")"
    }
}
