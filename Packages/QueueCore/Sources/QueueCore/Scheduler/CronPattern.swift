import Foundation

/// A cron pattern as BullMQ job schedulers use it (`repeat: {pattern, tz}`), with next run times equal to
/// Python bullmq 3.4.4's, which computes them with croniter 2.0.7 (`second_at_beginning=True`, a fresh
/// iterator per computation).
///
/// Syntax (case-insensitive):
/// - 5 fields `minute hour day-of-month month day-of-week`, or 6 with the second first;
/// - `*`, numbers, lists `1,5`, ranges `1-5`, steps `*/15`, `10/5` (from 10 to the field's end), `1-30/2`;
/// - month names `jan`–`dec`, weekday names `sun`–`sat`; 0 and 7 are Sunday (in a 6-field pattern croniter
///   keeps 7 apart and it matches no day, so neither do we); a weekday range may end on Sunday (`fri-sun`);
/// - day of month: `L` (the last day), `5-L`; day of week: `5#2` (the second Friday), `mon-fri#1`, `L5` (the
///   last Friday); `?` in either day field means `*`;
/// - when both day fields are restricted, a day matching either one matches (the usual cron OR rule);
/// - the aliases `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
///
/// Refused, with a `CronPatternError` naming the field: whatever croniter refuses (values out of range,
/// `5L`, a bare `L` in day of week, mixing `#` values with plain weekdays, step 0, a year field, …), and,
/// though croniter accepts them, `R` (random values: no schedule could be reproduced) and non-ASCII text.
/// croniter refuses `H` (hashed values) without a hash id, which bullmq never passes; so do we.
public struct CronPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let text: String
    /// Whether the pattern has 6 fields, the first being the second.
    public var hasSeconds: Bool { schedule.second != nil }
    let schedule: CronSchedule

    /// Parses `text`; throws a `CronPatternError` naming the field at fault.
    public init(_ text: String) throws(CronPatternError) {
        self.text = text
        schedule = try CronParser(pattern: text).parse()
    }

    /// The first fire time strictly after `baseMilliseconds` (milliseconds since the epoch, ignoring its
    /// sub-second part for 6-field patterns and its seconds for 5-field ones), read on `timeZone`'s wall
    /// clock, in milliseconds since the epoch.
    ///
    /// Equal to bullmq's `default_repeat_strategy(base, {pattern, tz})` including croniter's handling of
    /// offset changes: a wall time in a skipped hour fires at that time read with the old offset (New York
    /// `30 2 * * *` on the spring-forward day fires at 07:30Z), and a base inside a repeated hour may give a
    /// time in its first pass (croniter's answer, up to an hour before the base). Pass
    /// `TimeZone(identifier: "UTC")` when the scheduler has no `tz`.
    ///
    /// Nil when nothing matches within 50 years of the base (`0 0 30 2 *`; `0 0 15 * 1#2`, where croniter's
    /// OR rule needs both the day-of-month-only and the weekday-only searches to find a match), where
    /// bullmq's computation raises croniter's "failed to find next date".
    public func nextFireTime(after baseMilliseconds: Int64, timeZone: TimeZone) -> Int64? {
        CronSearch(schedule: schedule, zone: ZoneOffsets(timeZone: timeZone))
            .nextFireTime(afterMilliseconds: baseMilliseconds)
    }

    /// The pattern as given.
    public var description: String { text }
}
