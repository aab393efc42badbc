/// Turns pattern text into a `CronSchedule`, accepting exactly what croniter 2.0.7 (the library Python bullmq
/// uses) accepts with `second_at_beginning=True`, except the features `CronPattern` documents as refused.
struct CronParser {
    /// The pattern as given, for messages.
    let pattern: String

    /// The `@` aliases croniter knows, replaced when they are the whole (lower-cased) pattern.
    static let aliases: [String: String] = [
        "@midnight": "0 0 * * *", "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    func parse() throws(CronPatternError) -> CronSchedule {
        guard pattern.utf8.allSatisfy({ $0 < 0x80 }) else {
            throw whole("has a non-ASCII character; use ASCII digits, names and separators")
        }
        var text = pattern.lowercased()
        if let alias = CronParser.aliases[text] { text = alias }
        var fields = text.utf8.split(whereSeparator: CronParser.isSpace).map { String(decoding: $0, as: UTF8.self) }
        switch fields.count {
        case 5, 6: break
        case 0: throw whole("is empty")
        case 1 where fields[0].hasPrefix("@"):
            throw whole(
                "'\(fields[0])' is not a known alias (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)"
            )
        case 7: throw whole("has 7 fields; a year field is not supported (5 fields, or 6 with the second first)")
        default:
            throw whole(
                "has \(fields.count) fields; expected 5 (minute hour day-of-month month day-of-week) or 6 (second first)"
            )
        }
        if fields.count == 6 { fields.append(fields.removeFirst()) }
        var expanded: [CronValues] = []
        var occurrences: [Int: Set<WeekdayOccurrence>] = [:]
        for (index, fieldText) in fields.enumerated() {
            let field = CronField(rawValue: index) ?? .second
            let otherDayField = field == .dayOfMonth ? fields[4] : fields[2]
            var expander = FieldExpander(
                pattern: pattern, field: field, fieldCount: fields.count,
                otherDayFieldHasStar: otherDayField.contains("*"))
            expanded.append(try expander.expand(fieldText))
            if field == .dayOfWeek { occurrences = expander.occurrences }
        }
        return CronSchedule(
            minute: expanded[0], hour: expanded[1], dayOfMonth: expanded[2], month: expanded[3],
            dayOfWeek: expanded[4], second: fields.count == 6 ? expanded[5] : nil, weekdayOccurrences: occurrences)
    }

    private func whole(_ reason: String) -> CronPatternError {
        CronPatternError(pattern: pattern, field: nil, reason: reason)
    }

    /// The ASCII characters Python's `str.split()` splits on.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || (0x1C...0x1F).contains(byte)
    }
}

/// Expands one field's text the way croniter does: `?`, lists, `*`, ranges (`a-b`), steps (`*/n`, `a/n`,
/// `a-b/n`), names, `L` (day of month), `5#2` and `L5` (day of week), then croniter's value rules.
struct FieldExpander {
    let pattern: String
    let field: CronField
    let fieldCount: Int
    /// Whether the other day field's text holds a `*` (decides whether a full day list collapses to `*`).
    let otherDayFieldHasStar: Bool
    /// Day of week only: the `#` and `L` occurrences found.
    private(set) var occurrences: [Int: Set<WeekdayOccurrence>] = [:]

    init(pattern: String, field: CronField, fieldCount: Int, otherDayFieldHasStar: Bool) {
        self.pattern = pattern
        self.field = field
        self.fieldCount = fieldCount
        self.otherDayFieldHasStar = otherDayFieldHasStar
    }

    private enum Element: Hashable {
        case every
        case last
        case number(Int)
    }

    mutating func expand(_ rawText: String) throws(CronPatternError) -> CronValues {
        try refuseHashedOrRandom(rawText)
        var text = rawText
        if text.contains("?") {
            guard text == "?" else { throw fail("'\(rawText)': ? must stand alone") }
            guard field == .dayOfMonth || field == .dayOfWeek else {
                throw fail("'?' is only allowed in the day-of-month and day-of-week fields")
            }
            text = "*"
        }
        var pending = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var found: Set<Element> = []
        while let item = pending.popLast() {
            var element = item
            var occurrence: WeekdayOccurrence?
            if field == .dayOfWeek, let special = try weekdayOccurrence(in: item) {
                (element, occurrence) = special
            }
            var rewritten = FieldExpander.starStep(element, field: field) ?? element
            var range = FieldExpander.rangeParts(rewritten)
            if range == nil {
                rewritten = FieldExpander.slashStep(element, field: field) ?? element
                range = FieldExpander.rangeParts(rewritten)
            }
            if let range {
                for value in try expandRange(range, item: item) {
                    if case .ordinal(let nth) = occurrence {
                        pending.append("\(value)#\(nth)")
                    } else {
                        pending.append(String(value))
                    }
                }
                continue
            }
            let single = try singleElement(rewritten, item: item)
            found.insert(single)
            if let occurrence, case .number(let weekday) = single {
                occurrences[weekday, default: []].insert(occurrence)
            }
        }
        let collapse =
            found.count == field.sizeMeaningEvery
            && !((field == .dayOfMonth || field == .dayOfWeek) && !otherDayFieldHasStar)
        let numbers = found.compactMap { element -> Int? in
            if case .number(let value) = element { return value }
            return nil
        }.sorted()
        if !occurrences.isEmpty && !collapse {
            let loose = Set(numbers).subtracting(occurrences.keys)
            if !loose.isEmpty && found.count != 7 {
                throw fail("'\(rawText)' mixes plain weekdays with # or L weekdays, which croniter refuses")
            }
        }
        if collapse || found.contains(.every) {
            return CronValues(matchesEvery: true, numbers: numbers, includesLastDay: false)
        }
        return CronValues(matchesEvery: false, numbers: numbers, includesLastDay: found.contains(.last))
    }

    private func fail(_ reason: String) -> CronPatternError {
        CronPatternError(pattern: pattern, field: field, reason: reason)
    }

    /// croniter's `H` (hashed) and `R` (random) values: `H`, `H(a-b)`, `H/n`, `H(a-b)/n`, likewise `R`.
    private func refuseHashedOrRandom(_ text: String) throws(CronPatternError) {
        var rest = Substring(text)
        guard let kind = rest.popFirst(), kind == "h" || kind == "r" else { return }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return }
            let inner = rest[rest.index(after: rest.startIndex)..<close].split(
                separator: "-", omittingEmptySubsequences: false)
            guard inner.count == 2, inner.allSatisfy(FieldExpander.isDigits) else { return }
            rest = rest[rest.index(after: close)...]
        }
        if rest.first == "/" {
            guard FieldExpander.isDigits(rest.dropFirst()) else { return }
        } else if !rest.isEmpty {
            return
        }
        if kind == "h" {
            throw fail(
                "'\(text)': H (hashed) values are not supported (croniter needs a hash id, which bullmq never passes)")
        }
        throw fail("'\(text)': R (random) values are not supported")
    }

    /// `5#2`, `mon#2`, `mon-fri#2` (the nth weekday of the month) or `L5` (the last one); nil for anything else.
    private func weekdayOccurrence(in item: String) throws(CronPatternError) -> (String, WeekdayOccurrence)? {
        if let hash = item.firstIndex(of: "#") {
            let head = item[..<hash]
            let count = item[item.index(after: hash)...]
            guard FieldExpander.isDigits(count), FieldExpander.isWord(head) || FieldExpander.isNameRange(head) else {
                return nil
            }
            let nth = FieldExpander.number(count)
            guard (1...5).contains(nth) else { throw fail("'\(item)': the occurrence after # must be 1–5") }
            return (String(head), .ordinal(nth))
        }
        if item.hasPrefix("l"), FieldExpander.isDigits(item.dropFirst()) {
            return (String(item.dropFirst()), .last)
        }
        return nil
    }

    /// The values of `low-high/step`, checked as croniter checks them (each value is checked again later).
    private func expandRange(
        _ range: (low: Substring, high: Substring, step: Substring?), item: String
    ) throws(CronPatternError) -> StrideThrough<Int> {
        let highText = field == .dayOfMonth && range.high == "l" ? "31" : String(range.high)
        let low = try rangeEnd(String(range.low), item: item)
        var high = try rangeEnd(highText, item: item)
        let highIsZero = highText == "0" || (field == .dayOfWeek && highText == "sun")
        if low > high {
            guard field == .dayOfWeek && highIsZero else { throw fail("'\(item)': the range runs backwards") }
            high = 7
        }
        if max(low, high) > field.bounds.upperBound {
            throw fail("'\(item)': the range goes beyond \(field.bounds.upperBound)")
        }
        let step = range.step.map(FieldExpander.number) ?? 1
        guard step > 0 else { throw fail("'\(item)': a step must be at least 1") }
        return stride(from: low, through: high, by: step)
    }

    private func rangeEnd(_ text: String, item: String) throws(CronPatternError) -> Int {
        if FieldExpander.isDigits(text) { return FieldExpander.number(text) }
        if let value = field.names[text] { return value }
        if field == .dayOfMonth && text == "l" { throw fail("'\(item)': L cannot start a range") }
        throw fail("'\(item)': '\(text)' is not a number or a name this field accepts")
    }

    private func singleElement(_ text: String, item: String) throws(CronPatternError) -> Element {
        if text.hasPrefix("-") { throw fail("'\(item)': negative values are not allowed") }
        var value: Int
        if text == "*" {
            return .every
        } else if FieldExpander.isDigits(text) {
            value = FieldExpander.number(text)
        } else if field == .dayOfMonth && text == "l" {
            return .last
        } else if let named = field.names[text] {
            value = named
        } else {
            throw fail("'\(item)' is not a number or a name this field accepts")
        }
        // croniter's low-value map: day of month 0 means 1 in a 6-field pattern; 7 means Sunday (0) in a
        // 5-field one (in a 6-field pattern 7 stays 7 and matches no day).
        if field == .dayOfMonth && fieldCount == 6 && value == 0 { value = 1 }
        if field == .dayOfWeek && fieldCount == 5 && value == 7 { value = 0 }
        guard field.bounds.contains(value) else {
            throw fail(
                "value \(value > 999 ? item : String(value)) is out of range \(field.bounds.lowerBound)–\(field.bounds.upperBound)"
            )
        }
        return .number(value)
    }
}
