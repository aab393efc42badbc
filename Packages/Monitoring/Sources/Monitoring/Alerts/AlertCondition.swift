/// One evaluation of one rule for one subject: the measured value, the firing and resolve thresholds, whether each
/// is crossed, and the rule's timing.
public struct AlertCondition: Sendable, Equatable {
    /// Rule and subject.
    public var key: AlertKey
    /// The measured value in the rule's unit (jobs, ratio, ms, percent, MB).
    public var value: Double
    /// The firing threshold, same unit.
    public var threshold: Double
    /// The resolve threshold, same unit (hysteresis; the firing threshold when not configured).
    public var resolveThreshold: Double
    /// The configured severity of the rule.
    public var severity: AlertSeverity
    /// True when the firing threshold is crossed now.
    public var crossed: Bool
    /// True when the value is back inside the resolve threshold (a firing alert resolves). Neither `crossed` nor
    /// `clear`: inside the hysteresis band, where a firing alert keeps firing and a pending one returns to inactive.
    public var clear: Bool
    /// `for`, cooldown and repeat.
    public var timing: AlertTiming
    /// A sentence for operators: what is wrong and what to look at.
    public var message: String

    /// Creates a condition; `resolveThreshold` defaults to `threshold`, `clear` to `!crossed`.
    public init(
        key: AlertKey, value: Double, threshold: Double, resolveThreshold: Double? = nil, severity: AlertSeverity,
        crossed: Bool, clear: Bool? = nil, timing: AlertTiming = AlertTiming(), message: String
    ) {
        self.key = key
        self.value = value
        self.threshold = threshold
        self.resolveThreshold = resolveThreshold ?? threshold
        self.severity = severity
        self.crossed = crossed
        self.clear = clear ?? !crossed
        self.timing = timing
        self.message = message
    }
}
