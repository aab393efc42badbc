/// One alert transition as every delivery sink sends it: status, labels, annotations, times and an idempotency key.
///
/// Built from an ``AlertTransition`` by ``init(_:externalURL:)``; pure. The idempotency key is stable per alert
/// episode and kind — `<rule>/<subject>/<sinceMs>/<kind>`, with `/<timeMs>` added for a `repeated` reminder — so a
/// receiver that sees the same key twice (a retry after a lost answer) can drop the second.
public struct AlertNotification: Sendable, Equatable {
    /// `firing` (fired or repeated) or `resolved`.
    public enum Status: String, Sendable, Codable {
        /// The alert fired or is still firing.
        case firing
        /// The alert resolved.
        case resolved
    }

    /// `firing` or `resolved`.
    public var status: Status
    /// The transition it comes from (`fired`, `repeated`, `resolved`).
    public var kind: AlertTransition.Kind
    /// The alert, with its latest value.
    public var alert: Alert
    /// When the alert started firing, ms since 1970.
    public var startsAtMs: Int64
    /// When it resolved (resolved only), ms since 1970.
    public var endsAtMs: Int64?
    /// When the transition was observed, ms since 1970.
    public var timeMs: Int64
    /// Stable per alert episode and kind (see the type's comment).
    public var idempotencyKey: String
    /// Where people look at it: the dashboard at `EXTERNAL_URL`.
    public var generatorURL: String

    /// Builds the notification of `transition`; `externalURL` is the address people reach the server at.
    public init(_ transition: AlertTransition, externalURL: String) {
        let alert = transition.alert
        status = transition.kind == .resolved ? .resolved : .firing
        kind = transition.kind
        self.alert = alert
        startsAtMs = alert.sinceMs
        endsAtMs = transition.kind == .resolved ? transition.timeMs : nil
        timeMs = transition.timeMs
        var key = "\(alert.alert.rawValue)/\(alert.subject)/\(alert.sinceMs)/\(transition.kind.rawValue)"
        if transition.kind == .repeated { key += "/\(transition.timeMs)" }
        idempotencyKey = key
        generatorURL = externalURL.hasSuffix("/") ? externalURL : externalURL + "/"
    }

    /// `alertname` (the rule), `severity`, and the subject under `queue`, `cache` or `subject` (as the log names it),
    /// plus `service="maxbooster"`: the labels Alertmanager groups, silences and inhibits by.
    public var labels: [String: String] {
        let rule = alert.alert
        let subjectLabel = rule.isQueueRule ? "queue" : (rule.isCacheRule ? "cache" : "subject")
        return [
            "alertname": rule.rawValue, "severity": alert.severity.rawValue, subjectLabel: alert.subject,
            "service": "maxbooster",
        ]
    }

    /// One line naming the rule, the subject, the value and the threshold.
    public var summary: String {
        "\(alert.alert.rawValue) on \(alert.subject): value \(Self.number(alert.value)) "
            + "(threshold \(Self.number(alert.threshold)))"
    }

    /// `summary` (with the value) and `description` (the alert's message).
    public var annotations: [String: String] { ["summary": summary, "description": alert.message] }

    /// A value without a trailing `.0` for whole numbers (job counts), else as Swift prints it.
    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
