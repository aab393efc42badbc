/// The text forms croniter recognises inside a field, matched by hand (ASCII only: `CronParser` refuses
/// anything else first).
extension FieldExpander {
    /// `*/n` → `low-high/n` with the field's bounds.
    static func starStep(_ element: String, field: CronField) -> String? {
        guard element.hasPrefix("*/"), element.count > 2 else { return nil }
        return "\(field.bounds.lowerBound)-\(field.bounds.upperBound)" + element.dropFirst()
    }

    /// `a/n` → `a-high/n`, splitting at the last `/` that has text on both sides.
    static func slashStep(_ element: String, field: CronField) -> String? {
        let characters = Array(element)
        guard characters.count >= 3 else { return nil }
        for index in stride(from: characters.count - 2, through: 1, by: -1) where characters[index] == "/" {
            return String(characters[..<index]) + "-\(field.bounds.upperBound)/" + String(characters[(index + 1)...])
        }
        return nil
    }

    /// `low-high` or `low-high/step`: `low` is everything before the first `-`; `high` holds no `-` or `/`;
    /// `step` is digits. Nil when the text is not of that shape.
    static func rangeParts(_ text: String) -> (low: Substring, high: Substring, step: Substring?)? {
        guard let dash = text.firstIndex(of: "-") else { return nil }
        let low = text[..<dash]
        let rest = text[text.index(after: dash)...]
        guard !low.isEmpty, !rest.contains("-") else { return nil }
        guard let slash = rest.firstIndex(of: "/") else { return rest.isEmpty ? nil : (low, rest, nil) }
        let high = rest[..<slash]
        let step = rest[rest.index(after: slash)...]
        guard !high.isEmpty, isDigits(step) else { return nil }
        return (low, high, step)
    }

    /// One or more ASCII digits.
    static func isDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// One or more letters, digits or underscores (a regular expression's `\w+`, ASCII).
    static func isWord<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F }
    }

    /// `mon-fri` or `jan-mar`: two weekday names or two month names joined by `-`.
    static func isNameRange(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return false }
        let weekdays = CronField.weekdayNames
        let months = CronField.monthNames
        return (weekdays[parts[0]] != nil && weekdays[parts[1]] != nil)
            || (months[parts[0]] != nil && months[parts[1]] != nil)
    }

    /// The value of a digit string, saturating far above any field's range instead of overflowing.
    static func number<S: StringProtocol>(_ digits: S) -> Int {
        var value = 0
        for byte in digits.utf8 { value = min(value * 10 + Int(byte - 0x30), 1_000_000_000) }
        return value
    }
}
