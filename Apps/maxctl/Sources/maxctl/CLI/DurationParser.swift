import Monitoring

/// Parses the durations people type on command lines: `500ms`, `30s`, `10m`, `24h`, decimals such as
/// `1.5s`, and a bare number of milliseconds (as the `*_MS` variables hold). Monitoring's
/// `DurationText` does the parsing, so maxctl and monitoring-api accept exactly the same forms.
enum DurationParser {
    /// The duration `text` names, or a `UsageError` that shows the accepted forms.
    static func parse(_ text: String, option: String) throws(UsageError) -> Duration {
        guard let duration = DurationText.parse(text) else {
            throw UsageError("\(option) '\(text)' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
        }
        return duration
    }

    /// The shortest exact form of `duration` (`24h`, `10m`, `30s`, `500ms`).
    static func format(_ duration: Duration) -> String { DurationText.format(duration) }
}
