/// What an alert is about: a rule and its subject (a queue name, `redis`, a cache name, or `process`).
/// One state machine runs per key.
public struct AlertKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule.
    public var rule: AlertRule
    /// The queue, cache, `redis` or `process` it applies to.
    public var subject: String

    /// Creates a key.
    public init(rule: AlertRule, subject: String) {
        self.rule = rule
        self.subject = subject
    }

    /// `<rule>/<subject>`.
    public var description: String { "\(rule.rawValue)/\(subject)" }
}
