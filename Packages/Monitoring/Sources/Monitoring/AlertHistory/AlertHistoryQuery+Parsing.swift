import CommandLineArguments
import Essentials

extension AlertHistoryQuery {
    /// The default window: the last 24 hours.
    public static let defaultWindow: Duration = .seconds(86_400)

    /// The start of a window written as a duration back from `nowMs` (`30m`, `24h`, or ms) or an ISO 8601 instant
    /// (`2025-11-20T01:56:57.776Z`), ms since 1970; nil when `text` is neither. The API's `since` and maxctl's
    /// `--since` both read it here.
    public static func windowStart(_ text: String, nowMs: Int64) -> Int64? {
        if let duration = DurationText.parse(text) { return nowMs - duration.wholeMilliseconds }
        return MonitoringJSON.milliseconds(fromTimestamp: text.trimmingWhitespace())
    }

    /// What `since` accepts, for error messages.
    public static let windowSyntax =
        "a duration back from now (30m, 24h, or ms) or an ISO 8601 instant (2025-11-20T01:56:57Z)"

    /// The state filter `text` names (`firing`, `pending`, `resolved`, `unknown`, `inactive`); nil when none.
    public static func state(_ text: String) -> AlertState? {
        AlertState(rawValue: text.trimmingWhitespace().lowercased())
    }

    /// What `state` accepts, for error messages.
    public static var stateSyntax: String { "one of " + AlertState.allCases.map(\.rawValue).joined(separator: ", ") }
}
