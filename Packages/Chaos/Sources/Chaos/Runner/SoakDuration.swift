/// Parses the `--soak` duration: a whole number with `s`, `m` or `h` (e.g. `90s`, `10m`, `1h`).
public enum SoakDuration {
    /// The duration, or nil when the text is not of that form or not positive.
    public static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "s": return .seconds(value)
        case "m": return .seconds(value * 60)
        case "h": return .seconds(value * 3600)
        default: return nil
        }
    }
}
