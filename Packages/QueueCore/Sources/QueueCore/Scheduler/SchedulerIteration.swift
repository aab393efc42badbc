/// What a scheduler's next iteration is, computed before the script that stores it (as bullmq computes it):
/// a cron pattern's due time, and the iteration's options.
struct SchedulerIteration {
    /// The iteration's number (`repeat.count`).
    let count: Int
    /// A pattern's due time in ms; nil for `every` (the script computes it from the stored previous run).
    let due: Int64?
    /// The iteration's options JSON, without `jobId` and `delay` (the script adds both).
    let optionsJSON: String

    /// The iteration after one numbered `previousCount` (0 for the first) whose previous due time was
    /// `previousDue`, or nil when the scheduler is over: `limit` reached, `endDate` passed, or a pattern with
    /// no run left.
    init?(
        schedulerID: String, repeat rule: RepeatOptions, options: JobOptions, previousCount: Int, previousDue: Int64?,
        now clock: Int64
    ) throws {
        count = previousCount + 1
        if let limit = rule.limit, count > limit { return nil }
        if let endDate = rule.endDate, clock > endDate { return nil }
        let now = max(clock, previousDue ?? 0)
        if let pattern = try rule.cronPattern() {
            if rule.immediately {
                due = clock
            } else {
                let base = max(now, rule.startDate ?? now)
                guard let next = pattern.nextFireTime(after: base, timeZone: try rule.timeZone()) else { return nil }
                due = max(next, now)
            }
        } else {
            due = nil
        }
        var stored = rule
        stored.immediately = false
        var members = (try? JSONValue.parse(options.json).objectValue) ?? [:]
        members["jobId"] = nil
        members["delay"] = nil
        members["timestamp"] = .number(Double(clock))
        members["prevMillis"] = .number(Double(due ?? now))
        members["repeatJobKey"] = .string(schedulerID)
        members["repeat"] = stored.storedJSON(count: count)
        optionsJSON = JSONValue.object(members).jsonText
    }
}
