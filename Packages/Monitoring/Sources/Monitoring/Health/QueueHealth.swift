/// One queue's entry in `components.queues.details` and `/api/monitoring/queue-health`.
public struct QueueHealth: Codable, Sendable, Equatable {
    /// The queue's name.
    public var queue: String
    /// `status == .healthy`.
    public var healthy: Bool
    /// From the queue's alerts.
    public var status: HealthStatus
    /// Waiting + prioritized jobs.
    public var waiting: Int
    /// Active jobs.
    public var active: Int
    /// Delayed jobs.
    public var delayed: Int
    /// Kept failed jobs.
    public var failed: Int
    /// Active jobs without a lock.
    public var stalled: Int
    /// failed ÷ finished over the window, ratio; nil when nothing finished.
    public var failedRate: Double?
    /// Age of the oldest waiting job, ms.
    public var oldestWaitingAgeMs: Int64?
    /// Whether the queue is paused.
    public var paused: Bool
    /// The queue's firing alerts, most severe first.
    public var alerts: [Alert]
    /// The queue's workers (ours and other clients'); nil when unknown (Redis refused `CLIENT LIST`).
    public var workers: Int?
    /// Jobs in a legacy `paused` list (Node BullMQ 5.x or older pause).
    public var legacyPausedJobs: Int
    /// What operators should know that no alert says (``QueueSample/notes``).
    public var notes: [String]

    /// The entry for `sample` with the queue's firing `alerts`.
    public init(sample: QueueSample, alerts: [Alert]) {
        queue = sample.queue
        status = HealthStatus.implied(by: alerts)
        healthy = status == .healthy
        waiting = sample.counts.ready
        active = sample.counts.active
        delayed = sample.counts.delayed
        failed = sample.counts.failed
        stalled = sample.stalled
        failedRate = sample.failedRate
        oldestWaitingAgeMs = sample.oldestWaitingAgeMs
        paused = sample.paused
        self.alerts = alerts
        workers = sample.workers.count
        legacyPausedJobs = sample.legacyPausedJobs
        notes = sample.notes
    }
}

extension QueueHealth {
    /// Reads the JSON of `encode(to:)`; `legacyPausedJobs` and `notes` may be absent (a server from before
    /// they existed: 0 and none), so a newer maxctl reads an older monitoring-api during a rolling upgrade.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        queue = try container.decode(String.self, forKey: .queue)
        healthy = try container.decode(Bool.self, forKey: .healthy)
        status = try container.decode(HealthStatus.self, forKey: .status)
        waiting = try container.decode(Int.self, forKey: .waiting)
        active = try container.decode(Int.self, forKey: .active)
        delayed = try container.decode(Int.self, forKey: .delayed)
        failed = try container.decode(Int.self, forKey: .failed)
        stalled = try container.decode(Int.self, forKey: .stalled)
        failedRate = try container.decodeIfPresent(Double.self, forKey: .failedRate)
        oldestWaitingAgeMs = try container.decodeIfPresent(Int64.self, forKey: .oldestWaitingAgeMs)
        paused = try container.decode(Bool.self, forKey: .paused)
        alerts = try container.decode([Alert].self, forKey: .alerts)
        workers = try container.decodeIfPresent(Int.self, forKey: .workers)
        legacyPausedJobs = try container.decodeIfPresent(Int.self, forKey: .legacyPausedJobs) ?? 0
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}
