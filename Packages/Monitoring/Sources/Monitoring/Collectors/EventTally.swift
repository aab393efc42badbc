/// Counts completed, failed and retried jobs in a run of events-stream entries. Pure.
///
/// A retry shows as `delayed` (backoff) or `waiting` with `prev=active` (immediate), but an add with a
/// delay also writes `delayed` and a stalled job's return writes `waiting`: those are told apart by the
/// entry just before, which the same script wrote for the same job (`added`, `stalled`).
enum EventTally {
    /// The counts of `entries` (XRANGE replies: `[id, [field, value, …]]`); `coversWindow` is left false.
    static func count(_ entries: [ProbeReply]) -> QueueReading.EventCounts {
        var tally = QueueReading.EventCounts(completed: 0, failed: 0, retries: 0, coversWindow: false)
        var previous: (event: String, jobId: String?)?
        for entry in entries {
            guard let fields = entry.array?.dropFirst().first?.array else { continue }
            var values: [String: String] = [:]
            var index = 0
            while index + 1 < fields.count {
                if let name = fields[index].string, let value = fields[index + 1].string { values[name] = value }
                index += 2
            }
            guard let event = values["event"] else { continue }
            let jobId = values["jobId"]
            let sameJob = previous?.jobId != nil && previous?.jobId == jobId
            switch event {
            case "completed": tally.completed += 1
            case "failed": tally.failed += 1
            case "delayed" where !(sameJob && previous?.event == "added"): tally.retries += 1
            case "waiting" where values["prev"] == "active" && !(sameJob && previous?.event == "stalled"):
                tally.retries += 1
            default: break
            }
            previous = (event, jobId)
        }
        return tally
    }
}
