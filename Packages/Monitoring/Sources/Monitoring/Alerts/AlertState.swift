/// Where one alert key stands in its state machine (``AlertTracker``); the `state` field of API alerts.
///
/// `inactive` → `pending` (crossed, waiting out the rule's `for`) → `firing` → `resolved` (back inside the resolve
/// threshold; the cooldown runs from here). `unknown` overlays any of them while the value cannot be measured:
/// no data never resolves an alert and never fires one; when data returns the key resumes its true state.
public enum AlertState: String, Codable, Sendable, CaseIterable {
    /// Never crossed, or crossed only briefly and never fired.
    case inactive
    /// Crossed, for less than the rule's `for`, or still inside the cooldown of a previous resolve.
    case pending
    /// Fired and not resolved yet.
    case firing
    /// Fired, then came back inside the resolve threshold.
    case resolved
    /// The value cannot be measured now (Redis down, a list Redis refused); the state before is kept.
    case unknown
}
