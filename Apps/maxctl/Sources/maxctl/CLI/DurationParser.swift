/// Parses the durations people type on command lines: `500ms`, `30s`, `10m`, `24h` (and a bare number
/// of milliseconds, as the `*_MS` environment variables hold).
enum DurationParser {
    /// The duration `text` names, or a `UsageError` that shows the accepted forms.
    static func parse(_ text: String, option: String) throws(UsageError) -> Duration {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            if let value = Int64(number), value >= 0, value <= Int64.max / unit.milliseconds / 1000 {
                return .milliseconds(value * unit.milliseconds)
            }
            break
        }
        if let milliseconds = Int64(text), milliseconds >= 0 { return .milliseconds(milliseconds) }
        throw UsageError("\(option) '\(text)' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
    }
}
