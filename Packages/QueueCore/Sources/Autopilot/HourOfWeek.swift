import Foundation

/// An hour of the week in UTC: 0 is Monday 00:00–00:59, 167 is Sunday 23:00–23:59.
public struct HourOfWeek: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Hours in a week.
    public static let count = 168
    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// 0…167.
    public let index: Int

    /// The hour with `index` in 0…167 (taken modulo 168, so any integer is accepted).
    public init(_ index: Int) { self.index = ((index % Self.count) + Self.count) % Self.count }

    /// The hour of the week (UTC) that contains `date`.
    public init(date: Date) {
        // 1970-01-01 was a Thursday: day 3 when Monday is 0.
        let hours = Int((date.timeIntervalSince1970 / 3600).rounded(.down))
        let days = hours >= 0 ? hours / 24 : (hours - 23) / 24
        let weekday = ((days + 3) % 7 + 7) % 7
        self.init(weekday * 24 + (hours - days * 24))
    }

    /// Day 0 (Monday)…6 (Sunday).
    public var weekday: Int { index / 24 }
    /// Hour of the day, 0…23.
    public var hour: Int { index % 24 }

    /// `Tue 14:00 UTC`.
    public var description: String {
        let hour = hour < 10 ? "0\(hour)" : "\(hour)"
        return "\(Self.dayNames[weekday]) \(hour):00 UTC"
    }

    /// The next moment at or after `date` that starts this hour of the week.
    public func nextStart(after date: Date) -> Date {
        let currentHourStart = (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let current = HourOfWeek(date: date)
        var hoursAhead = (index - current.index + Self.count) % Self.count
        if hoursAhead == 0 && date.timeIntervalSince1970 > currentHourStart { hoursAhead = Self.count }
        return Date(timeIntervalSince1970: currentHourStart + Double(hoursAhead) * 3600)
    }

    /// Orders by index.
    public static func < (lhs: HourOfWeek, rhs: HourOfWeek) -> Bool { lhs.index < rhs.index }
}
