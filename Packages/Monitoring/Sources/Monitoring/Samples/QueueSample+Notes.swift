extension QueueSample {
    /// True when jobs are ready (waiting + prioritized) on a queue that is not paused and has no worker;
    /// nil when the workers are unknown. What the `noWorkers` alert times.
    public var isWaitingWithoutWorkers: Bool? {
        guard let count = workers.count else { return nil }
        return !paused && counts.ready > 0 && count == 0
    }

    /// Sentences for operators about the queue's state that no threshold judges: a legacy `paused` list, jobs
    /// waiting with no worker (before the `noWorkers` alert's delay has passed), workers that cannot be counted.
    /// JSON `notes` of a sample; the health entries carry them too.
    public var notes: [String] {
        var notes: [String] = []
        if legacyPausedJobs > 0 {
            notes.append(
                "queue \(queue) holds a legacy `paused` list (\(legacyPausedJobs) jobs; a Node BullMQ 5.x or older "
                    + "pause): our resume and a 6.x resume move it to wait")
        }
        if isWaitingWithoutWorkers == true {
            notes.append(
                "queue \(queue) has \(counts.ready) jobs waiting and no worker (none in CLIENT LIST under BullMQ's "
                    + "client names)")
        }
        if let reason = workers.reason { notes.append("workers of queue \(queue) unknown: \(reason)") }
        return notes
    }
}
