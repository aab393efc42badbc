/// The timing of one rule, in ms: how long the condition must hold before firing, how long a resolved alert
/// stays quiet before it may fire again, and how often a firing alert is re-notified.
public struct AlertTiming: Sendable, Equatable {
    /// The condition must hold this long before the alert fires (`for`). 0: at once.
    public var forMs: Int64
    /// After a resolve, the alert may not fire again for this long (`cooldown`). 0: no cooldown.
    public var cooldownMs: Int64
    /// While firing, re-notify every this long (`repeat`); nil: once.
    public var repeatMs: Int64?

    /// Creates a timing; the defaults are today's behaviour (fire at once, no cooldown, no repeat).
    public init(forMs: Int64 = 0, cooldownMs: Int64 = 0, repeatMs: Int64? = nil) {
        self.forMs = forMs
        self.cooldownMs = cooldownMs
        self.repeatMs = repeatMs
    }
}
