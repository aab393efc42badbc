import CommandLineArguments
import Foundation
import QueueCore

/// The schedule and template options of `maxctl schedulers <queue> upsert`.
enum SchedulerArguments {
    /// The repeat options; the engine validates their combination (naming the field).
    static func rule(_ parsed: ParsedArguments) throws(UsageError) -> RepeatOptions {
        var rule = RepeatOptions()
        if let every = parsed.value("every") {
            rule.every = Int(try DurationText.parse(every, option: "--every").wholeMilliseconds)
        }
        if let offset = parsed.value("offset") {
            rule.offset = Int(try DurationText.parse(offset, option: "--offset").wholeMilliseconds)
        }
        rule.pattern = parsed.value("pattern")
        rule.tz = parsed.value("tz")
        if parsed.value("limit") != nil {
            rule.limit = try QueueAddCommand.integer(parsed.value("limit"), "--limit", default: 1, minimum: 1)
        }
        rule.startDate = try date(parsed.value("start-date"), "--start-date")
        rule.endDate = try date(parsed.value("end-date"), "--end-date")
        rule.immediately = parsed.flag("immediately")
        guard rule.every != nil || rule.pattern != nil else {
            throw UsageError("schedulers upsert needs --every D or --pattern CRON")
        }
        return rule
    }

    /// The iterations' name, data and options.
    static func template(_ parsed: ParsedArguments) throws(UsageError) -> JobTemplate {
        let data = parsed.value("data") ?? "{}"
        guard (try? JSONSerialization.jsonObject(with: Data(data.utf8), options: [.fragmentsAllowed])) != nil else {
            throw UsageError("--data must be JSON, e.g. '{\"report\":\"daily\"}'")
        }
        var options = JobOptions()
        options.attempts = try QueueAddCommand.integer(parsed.value("attempts"), "--attempts", default: 0, minimum: 1)
        options.priority = try QueueAddCommand.integer(parsed.value("priority"), "--priority", default: 0, minimum: 0)
        return JobTemplate(name: parsed.value("name"), json: data, options: options)
    }

    /// An ISO 8601 time or whole milliseconds since 1970, in ms.
    static func date(_ text: String?, _ option: String) throws(UsageError) -> Int64? {
        guard let text else { return nil }
        if let milliseconds = Int64(text), milliseconds >= 0 { return milliseconds }
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw UsageError("\(option) must be an ISO 8601 time such as 2027-01-01T09:00:00Z, or ms since 1970")
        }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
