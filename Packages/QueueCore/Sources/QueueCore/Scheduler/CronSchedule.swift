/// The values one field matches once its text is expanded (ranges, steps, lists, names resolved).
struct CronValues: Sendable, Hashable {
    /// The field places no constraint (`*`, `?`, a list holding `*`, or a list of every value).
    var matchesEvery: Bool
    /// The listed numbers, ascending and distinct.
    var numbers: [Int]
    /// Day-of-month only: `L`, the month's last day, tried after the numbers.
    var includesLastDay: Bool

    static let every = CronValues(matchesEvery: true, numbers: [], includesLastDay: false)

    /// How far `value` must move forward, within a cycle of `cycle` values, to reach the first listed value
    /// at or after it; wrapping to the first value of the next cycle when none is. `L` counts as `cycle`
    /// (the month's length). The numbers are tried in order before `L`, as croniter tries them.
    func distanceForward(from value: Int, cycle: Int) -> Int {
        for number in numbers where number >= value { return number - value }
        if includesLastDay { return cycle - value }
        return numbers[0] - value + cycle
    }
}

/// Which occurrence of a weekday in its month a day-of-week value asks for: `2` in `5#2`, or the last (`L5`).
enum WeekdayOccurrence: Sendable, Hashable {
    case ordinal(Int)
    case last
}

/// A parsed pattern in the evaluation order: minute, hour, day of month, month, day of week, then the
/// optional second (a 6-field pattern's first field).
struct CronSchedule: Sendable, Hashable {
    var minute: CronValues
    var hour: CronValues
    var dayOfMonth: CronValues
    var month: CronValues
    var dayOfWeek: CronValues
    /// Nil for a 5-field pattern: matching is per minute, at second 0.
    var second: CronValues?
    /// `5#2` and `L5` values: weekday (0 or 7 for Sunday) to the occurrences asked for. When not empty these
    /// replace the day-of-week values in the search.
    var weekdayOccurrences: [Int: Set<WeekdayOccurrence>]
}
