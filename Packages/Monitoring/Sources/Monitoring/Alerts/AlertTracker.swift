/// The state machine of every alert key (``AlertState``). Pure: feed it conditions and an explicit `now` (ms, an
/// injected clock), get back the transitions for the sinks. Not thread-safe on its own (a value type owned by an
/// actor).
///
/// Per key: a crossed condition makes it `pending`; once crossed continuously for the rule's `for`, and outside the
/// cooldown after its last resolve, it fires (`fired`). While firing it is re-notified every repeat interval
/// (`repeated`), keeps firing inside the hysteresis band, and resolves when the value is back inside the resolve
/// threshold (`resolved`). A pending key whose condition stops holding goes back without a transition.
/// ``markUnknown(now:where:)`` flags keys whose value cannot be measured: they keep their state (no data never resolves
/// and never fires); the next condition for the key resumes it. Keys absent from an update keep their state too;
/// ``forget(subject:now:)`` resolves everything of a subject that went away.
public struct AlertTracker: Sendable {
    private enum Phase: Sendable {
        case inactive, pending, firing, resolved
    }

    private struct Entry: Sendable {
        var phase: Phase = .inactive
        /// The latest figures; `sinceMs` is the firing start while firing.
        var alert: Alert
        var pendingSinceMs: Int64?
        var lastNotifiedMs: Int64 = 0
        var resolvedAtMs: Int64?
        var unknownSinceMs: Int64?
    }

    private var entries: [AlertKey: Entry] = [:]

    /// Creates a tracker with every key inactive.
    public init() {}

    /// Applies `conditions` observed at `now` (ms since 1970) and returns the transitions in the order of
    /// `conditions`.
    public mutating func update(_ conditions: [AlertCondition], now: Int64) -> [AlertTransition] {
        conditions.compactMap { apply($0, now: now) }
    }

    /// Flags every key matching `isAffected` (default: all) as `unknown` from `now` on: its value could not be
    /// measured. Its state is kept, nothing resolves, nothing fires; the next condition for the key clears the flag.
    public mutating func markUnknown(now: Int64, where isAffected: (AlertKey) -> Bool = { _ in true }) {
        for key in entries.keys where isAffected(key) && entries[key]?.unknownSinceMs == nil {
            entries[key]?.unknownSinceMs = now
        }
    }

    /// Resolves every firing alert of `subject` (a queue that is no longer monitored) and forgets its keys.
    public mutating func forget(subject: String, now: Int64) -> [AlertTransition] {
        let keys = entries.keys.filter { $0.subject == subject }.sorted { $0.rule.rawValue < $1.rule.rawValue }
        return keys.compactMap { key in
            guard let entry = entries.removeValue(forKey: key), entry.phase == .firing else { return nil }
            return AlertTransition(kind: .resolved, alert: entry.alert, timeMs: now)
        }
    }

    /// The state of `key` now (`inactive` for a key never seen).
    public func state(of key: AlertKey) -> AlertState {
        guard let entry = entries[key] else { return .inactive }
        if entry.unknownSinceMs != nil { return .unknown }
        return switch entry.phase {
        case .inactive: .inactive
        case .pending: .pending
        case .firing: .firing
        case .resolved: .resolved
        }
    }

    /// Every firing alert (state `firing`, or `unknown` while its value cannot be measured), most severe first, then
    /// by rule and subject.
    public var active: [Alert] {
        entries.values.filter { $0.phase == .firing }.map { entry in
            var alert = entry.alert
            if let unknownSince = entry.unknownSinceMs {
                alert.state = .unknown
                alert.stateChangedAtMs = unknownSince
            }
            return alert
        }.sorted { ($0.severity, $1.alert.rawValue, $1.subject) > ($1.severity, $0.alert.rawValue, $0.subject) }
    }

    /// The firing alerts of one subject.
    public func active(for subject: String) -> [Alert] { active.filter { $0.subject == subject } }

    private mutating func apply(_ condition: AlertCondition, now: Int64) -> AlertTransition? {
        var entry =
            entries[condition.key]
            ?? Entry(
                alert: Alert(
                    alert: condition.key.rule, subject: condition.key.subject, severity: condition.severity,
                    value: condition.value, threshold: condition.threshold, message: condition.message, sinceMs: now))
        defer { entries[condition.key] = entry }
        entry.unknownSinceMs = nil
        // Refresh the figures (severity and thresholds may be reconfigured); the firing start is kept.
        entry.alert.value = condition.value
        entry.alert.threshold = condition.threshold
        entry.alert.severity = condition.severity
        entry.alert.message = condition.message
        let timing = condition.timing
        switch (entry.phase, condition.crossed) {
        case (.firing, true):
            guard let every = timing.repeatMs, now - entry.lastNotifiedMs >= every else { return nil }
            entry.lastNotifiedMs = now
            return AlertTransition(kind: .repeated, alert: entry.alert, timeMs: now)
        case (_, true):
            let pendingSince = entry.pendingSinceMs ?? now
            let quietUntil = entry.resolvedAtMs.map { $0 + timing.cooldownMs } ?? .min
            guard now - pendingSince >= timing.forMs, now >= quietUntil else {
                entry.phase = .pending
                entry.pendingSinceMs = pendingSince
                return nil
            }
            entry.phase = .firing
            entry.pendingSinceMs = nil
            entry.lastNotifiedMs = now
            entry.alert.sinceMs = now
            entry.alert.stateChangedAtMs = now
            return AlertTransition(kind: .fired, alert: entry.alert, timeMs: now)
        case (.firing, false):
            // Inside the hysteresis band a firing alert keeps firing.
            guard condition.clear else { return nil }
            entry.phase = .resolved
            entry.resolvedAtMs = now
            return AlertTransition(kind: .resolved, alert: entry.alert, timeMs: now)
        case (.pending, false):
            entry.phase = entry.resolvedAtMs == nil ? .inactive : .resolved
            entry.pendingSinceMs = nil
            return nil
        case (.inactive, false), (.resolved, false):
            return nil
        }
    }
}
