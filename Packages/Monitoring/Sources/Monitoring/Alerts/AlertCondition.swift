/// One evaluation of one rule for one subject: the measured value, the threshold, and whether it is crossed.
public struct AlertCondition: Sendable, Equatable {
    /// Rule and subject.
    public var key: AlertKey
    /// The measured value in the rule's unit (jobs, ratio, ms, percent, MB).
    public var value: Double
    /// The threshold, same unit.
    public var threshold: Double
    /// The configured severity of the rule.
    public var severity: AlertSeverity
    /// True when the threshold is crossed now.
    public var crossed: Bool
    /// A sentence for operators: what is wrong and what to look at.
    public var message: String

    /// Creates a condition.
    public init(
        key: AlertKey, value: Double, threshold: Double, severity: AlertSeverity, crossed: Bool, message: String
    ) {
        self.key = key
        self.value = value
        self.threshold = threshold
        self.severity = severity
        self.crossed = crossed
        self.message = message
    }
}
