/// One field of a cron pattern.
///
/// A 5-field pattern is `minute hour day-of-month month day-of-week`; a 6-field pattern puts `second`
/// first, as BullMQ does (`second minute hour day-of-month month day-of-week`).
public enum CronField: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case minute = 0
    case hour
    case dayOfMonth
    case month
    case dayOfWeek
    case second

    /// The name used in error messages: `minute`, `hour`, `day-of-month`, `month`, `day-of-week`, `second`.
    public var description: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        case .second: "second"
        }
    }

    /// The values the field accepts. Day-of-week accepts 7 as well as 0 for Sunday.
    public var bounds: ClosedRange<Int> {
        switch self {
        case .minute, .second: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// How many distinct values make the field "every value" (collapsed to `*`, as croniter does).
    var sizeMeaningEvery: Int {
        switch self {
        case .minute, .second: 60
        case .hour: 24
        case .dayOfMonth: 31
        case .month: 12
        case .dayOfWeek: 7
        }
    }

    /// The English three-letter names the field accepts (lower case), with their numbers.
    var names: [String: Int] {
        switch self {
        case .month: CronField.monthNames
        case .dayOfWeek: CronField.weekdayNames
        default: [:]
        }
    }

    static let monthNames: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    static let weekdayNames: [String: Int] = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
}

/// Why a cron pattern was refused: the pattern, the field at fault (nil when the pattern as a whole is wrong,
/// such as the number of fields) and the reason.
///
/// `description` reads like `cron pattern '61 * * * *': minute field value 61 is out of range 0–59`.
public struct CronPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as given.
    public let pattern: String
    /// The field at fault; nil when the pattern as a whole is refused.
    public let field: CronField?
    /// What is wrong, without the pattern or the field name (`value 61 is out of range 0–59`).
    public let reason: String

    /// Creates an error.
    public init(pattern: String, field: CronField?, reason: String) {
        self.pattern = pattern
        self.field = field
        self.reason = reason
    }

    /// The whole message, naming the pattern and the field.
    public var description: String {
        if let field { return "cron pattern '\(pattern)': \(field) field \(reason)" }
        return "cron pattern '\(pattern)': \(reason)"
    }
}
