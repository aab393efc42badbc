/// Where alert transitions go: the log (``LogAlertSink``), a test recorder (``RecordingAlertSink``), or
/// any other receiver (a webhook). Called from the monitor's actor; must not block for long.
public protocol AlertSink: Sendable {
    /// Receives one transition.
    func record(_ transition: AlertTransition)
}
