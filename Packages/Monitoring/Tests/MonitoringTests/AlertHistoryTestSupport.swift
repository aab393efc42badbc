import Monitoring

/// A history entry about `subject` observed at `timeMs`, for the history tests.
func historyEntry(
    _ kind: AlertTransition.Kind, subject: String = "emails", timeMs: Int64, value: Double = 1500
) -> AlertHistoryEntry {
    AlertHistoryEntry(
        AlertTransition(
            kind: kind,
            alert: Alert(
                alert: .maxWaitingJobs, subject: subject, severity: .warning, value: value, threshold: 1000,
                message: "\(subject) has \(Int(value)) waiting jobs", sinceMs: timeMs - 10),
            timeMs: timeMs))
}
