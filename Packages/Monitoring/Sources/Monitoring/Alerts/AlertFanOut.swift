/// An ``AlertSink`` that hands every transition to several sinks in order: the log, the history, the delivery
/// queues. Each sink must return at once (the ones that do I/O queue the transition and work in the background).
public struct AlertFanOut: AlertSink {
    /// The sinks, in the order they receive each transition.
    public let sinks: [any AlertSink]

    /// Creates a fan-out over `sinks`.
    public init(_ sinks: [any AlertSink]) {
        self.sinks = sinks
    }

    /// Passes `transition` to every sink.
    public func record(_ transition: AlertTransition) {
        for sink in sinks { sink.record(transition) }
    }
}
