/// Parses and prints durations as the command line writes them: `500ms`, `30s`, `10m`, `24h`
/// (decimals allowed, `1.5s`); a bare number is in the setting's own unit (milliseconds for `*_MS`).
public enum DurationText {
    /// The duration `text` denotes, or nil if it is not one; a bare number is taken as milliseconds.
    ///
    /// Negative values and non-finite numbers are rejected here; range checks belong to `validate()`.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace()
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

    /// The shortest exact form of `duration`: `24h`, `10m`, `30s`, or `500ms` (fractions of a ms are dropped).
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        if milliseconds != 0 && milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds != 0 && milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds != 0 && milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}

extension Duration {
    /// Whole milliseconds, rounded toward zero.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds as a floating-point number (keeps fractions, for latencies).
    var millisecondsDouble: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    /// Seconds as a floating-point number (Prometheus base unit).
    var secondsDouble: Double { millisecondsDouble / 1000 }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
