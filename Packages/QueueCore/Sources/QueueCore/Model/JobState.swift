/// The states a job can be in, named as BullMQ names them.
public enum JobState: String, Sendable, Hashable, CaseIterable {
    /// In `wait` (or a legacy 5.x `paused` list), ready to run.
    case waiting
    /// In `active`, locked by a worker.
    case active
    /// In `delayed`, due later.
    case delayed
    /// In `prioritized`, ready, ordered by priority.
    case prioritized
    /// In `completed`.
    case completed
    /// In `failed`.
    case failed
    /// In `waiting-children`: a flow parent waiting for its children (`FlowProducer`).
    case waitingChildren = "waiting-children"
    /// Legacy 5.x `paused` list (only in counts, when it exists).
    case paused
    /// Not found in any state.
    case unknown

    /// The Redis key suffix holding this state.
    var keySuffix: String {
        switch self {
        case .waiting: "wait"
        default: rawValue
        }
    }

    /// Whether the state is a Redis list (else a sorted set).
    var isList: Bool { self == .waiting || self == .active || self == .paused }
}
