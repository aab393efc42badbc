/// The fire/resolve state machine of every alert key. Pure: feed it conditions and an explicit `now`,
/// get back the transitions to log. Not thread-safe on its own (a value type owned by an actor).
///
/// A key fires when its condition is crossed and it was not firing; it resolves when a later condition
/// for the same key is not crossed. Keys absent from an update keep their state (a failed collection
/// proves nothing either way); ``forget(subject:now:)`` resolves everything of a subject that went away.
public struct AlertTracker: Sendable {
    private var firing: [AlertKey: Alert] = [:]

    /// Creates a tracker with nothing firing.
    public init() {}

    /// Applies `conditions` observed at `now` (ms since 1970) and returns the transitions, fired ones and
    /// resolved ones in the order of `conditions`.
    public mutating func update(_ conditions: [AlertCondition], now: Int64) -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        for condition in conditions {
            let key = condition.key
            if condition.crossed {
                if var alert = firing[key] {
                    // Still firing: keep the start time, refresh the figures (severity may be reconfigured).
                    alert.value = condition.value
                    alert.threshold = condition.threshold
                    alert.severity = condition.severity
                    alert.message = condition.message
                    firing[key] = alert
                } else {
                    let alert = Alert(
                        alert: key.rule, subject: key.subject, severity: condition.severity, value: condition.value,
                        threshold: condition.threshold, message: condition.message, sinceMs: now)
                    firing[key] = alert
                    transitions.append(AlertTransition(kind: .fired, alert: alert, timeMs: now))
                }
            } else if var alert = firing.removeValue(forKey: key) {
                alert.value = condition.value
                alert.message = condition.message
                transitions.append(AlertTransition(kind: .resolved, alert: alert, timeMs: now))
            }
        }
        return transitions
    }

    /// Resolves every firing alert of `subject` (a queue that is no longer monitored).
    public mutating func forget(subject: String, now: Int64) -> [AlertTransition] {
        let keys = firing.keys.filter { $0.subject == subject }.sorted { $0.rule.rawValue < $1.rule.rawValue }
        return keys.compactMap { key in
            firing.removeValue(forKey: key).map { AlertTransition(kind: .resolved, alert: $0, timeMs: now) }
        }
    }

    /// Every firing alert, most severe first, then by rule and subject.
    public var active: [Alert] {
        firing.values.sorted {
            ($0.severity, $1.alert.rawValue, $1.subject) > ($1.severity, $0.alert.rawValue, $0.subject)
        }
    }

    /// The firing alerts of one subject.
    public func active(for subject: String) -> [Alert] { active.filter { $0.subject == subject } }
}
