import Essentials
import Foundation

/// A wall-clock time (proleptic Gregorian, second precision) as croniter steps it: arithmetic moves the fields
/// and ignores the zone; `fold` tells the second occurrence of a repeated hour apart, and any arithmetic
/// resets it, as Python's datetime does.
struct CivilTime: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var fold = false

    /// The wall time `seconds` after 1970-01-01 00:00:00 (wall clock, no zone).
    init(wallSeconds seconds: Int64) {
        let days = Int(seconds.floorDivided(by: 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        (year, month, day) = CivilTime.date(fromDays: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// Seconds after 1970-01-01 00:00:00 on the wall clock.
    var wallSeconds: Int64 {
        Int64(CivilTime.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// 0 for Sunday … 6 for Saturday.
    var weekday: Int { CivilTime.weekday(year: year, month: month, day: day) }

    /// Midnight at the start of the day `days` later.
    func startOfDay(addingDays days: Int) -> CivilTime {
        CivilTime(wallSeconds: Int64(CivilTime.days(year: year, month: month, day: day) + days) * 86_400)
    }

    /// Moves the wall clock by `seconds` (fold reset).
    func adding(seconds: Int64) -> CivilTime { CivilTime(wallSeconds: wallSeconds + seconds) }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths[month - 1] + (month == 2 && isLeap(year) ? 1 : 0)
    }

    static func weekday(year: Int, month: Int, day: Int) -> Int {
        (days(year: year, month: month, day: day) + 4).floorModulo(7)  // 1970-01-01 was a Thursday
    }

    /// Days from 1970-01-01 to the date (negative before).
    static func days(year: Int, month: Int, day: Int) -> Int { CivilDate.days(year: year, month: month, day: day) }

    static func date(fromDays days: Int) -> (year: Int, month: Int, day: Int) { CivilDate.date(fromDays: days) }
}

/// A zone's UTC offsets read the way Python's `zoneinfo` reads them, over Foundation's `TimeZone`.
struct ZoneOffsets: Sendable {
    let timeZone: TimeZone

    /// The offset (seconds east of UTC) in force at the instant `seconds` after the epoch.
    func offset(atInstant seconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The wall time at an instant, with `fold` set in the second pass through a repeated hour.
    func civilTime(atInstant seconds: Int64) -> CivilTime {
        let offset = offset(atInstant: seconds)
        var time = CivilTime(wallSeconds: seconds + offset)
        time.fold = self.offset(forWall: seconds + offset, fold: false) != offset
        return time
    }

    /// The offset for a wall time, as `zoneinfo` gives it: in a repeated hour the earlier offset unless `fold`;
    /// in a skipped hour (a gap) the offset from before the change unless `fold`. Assumes at most one change
    /// within a day either side, which holds for every zone's rules.
    func offset(forWall wall: Int64, fold: Bool) -> Int64 {
        let before = offset(atInstant: wall - 86_400)
        let after = offset(atInstant: wall + 86_400)
        if before == after { return before }
        var low = wall - 86_400  // offset `before` here
        var high = wall + 86_400  // offset `after` here
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(atInstant: middle) == before { low = middle } else { high = middle }
        }
        let change = high + (fold ? min(before, after) : max(before, after))
        return wall < change ? before : after
    }
}

extension BinaryInteger {
    /// The quotient rounded down (towards negative infinity), as Python's `//`.
    func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder with the divisor's sign, as Python's `%`.
    func floorModulo(_ divisor: Self) -> Self { self - floorDivided(by: divisor) * divisor }
}
