import Essentials

/// Parses and prints durations as command lines and settings write them: `500ms`, `30s`, `10m`, `24h`
/// (decimals allowed, `1.5s`); a bare number is milliseconds (as the `*_MS` variables hold).
///
/// The one duration syntax of every binary's flags and of Monitoring's settings. Pure logic.
public enum DurationText {
    /// The duration `text` denotes, or nil if it is not one; a bare number is taken as milliseconds.
    ///
    /// Surrounding whitespace is ignored. Negative values and non-finite numbers are rejected here; range
    /// checks belong to the caller.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = trimmingWhitespace(text)
        let units: [(suffix: String, milliseconds: Double)] = [
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000),
        ]
        var number = Substring(trimmed)
        var scale = 1.0
        // "ms" before "m" and "s": the longest suffix wins.
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = trimmed.dropLast(unit.suffix.count)
            scale = unit.milliseconds
            break
        }
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
            let value = Double(number), value.isFinite, value >= 0
        else { return nil }
        let nanoseconds = (value * scale * 1_000_000).rounded()
        guard nanoseconds < 9.2e18 else { return nil }
        return .nanoseconds(Int64(nanoseconds))
    }

    /// The duration `text` denotes for the flag `option` (with its `--`).
    /// - Throws: ``UsageError`` naming `option`, the text and the accepted forms.
    public static func parse(_ text: String, option: String) throws(UsageError) -> Duration {
        guard let duration = parse(text) else {
            throw UsageError("\(option) '\(text)' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
        }
        return duration
    }

    /// The shortest exact form of `duration`: `24h`, `10m`, `30s`, or `500ms` (fractions of a ms are dropped).
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds != 0 && milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds != 0 && milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds != 0 && milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }

    private static func trimmingWhitespace(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
