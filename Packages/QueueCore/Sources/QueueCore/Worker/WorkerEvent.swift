/// Something a worker did, reported through `Worker.Configuration.onEvent`.
public enum WorkerEvent: Sendable {
    /// A job completed; `processingTime` is the processor's run time.
    case completed(jobId: String, processingTime: Duration)
    /// An attempt failed; `willRetry` tells whether the job goes back (delayed or waiting) or to failed.
    case failed(jobId: String, reason: String, willRetry: Bool, processingTime: Duration)
    /// The worker lost a job's lock (it expired and another worker may have it); its result was discarded.
    case lockLost(jobId: String)
    /// The stalled check returned these jobs to wait.
    case stalled(jobIds: [String])
    /// A Redis or script error the worker survived (it retries after a pause).
    case error(String)
}
