import Synchronization

/// An ``AlertSink`` that keeps every transition in memory, for tests.
public final class RecordingAlertSink: AlertSink {
    private let storage = Mutex<[AlertTransition]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Appends `transition`.
    public func record(_ transition: AlertTransition) {
        storage.withLock { $0.append(transition) }
    }

    /// Every transition received so far, oldest first.
    public var transitions: [AlertTransition] { storage.withLock { $0 } }
}
