import Essentials

/// One line of a worker process's event protocol on stdout: what `maxctl worker --events` and the
/// crash tests' `queuecore-worker` print, and what the crash tests and chaos scenarios wait for. One
/// event per line, written unbuffered (``write()``), so a reader sees it even if the process is SIGKILLed
/// right after.
///
/// | line | when |
/// | --- | --- |
/// | `ready <pid>` | the worker has started fetching |
/// | `active <id> <attempt>` | the processor starts attempt `attempt` of job `id` |
/// | `completed <id>` | the job completed |
/// | `failed <id> <reason>` | an attempt failed (retried or not) |
/// | `lockLost <id>` | the worker lost the job's lock; its result was discarded |
/// | `stalled <id>,<id>…` | the stalled check returned these jobs to wait |
/// | `error <text>` | a Redis or script error the worker survived |
/// | `closed` | the graceful close finished; the process exits next |
public enum WorkerEventLine: Sendable, Hashable, CustomStringConvertible {
    /// The worker has started fetching.
    case ready(pid: Int32)
    /// The processor starts an attempt of a job.
    case active(jobId: String, attempt: Int)
    /// A job completed.
    case completed(jobId: String)
    /// An attempt failed.
    case failed(jobId: String, reason: String)
    /// The worker lost a job's lock.
    case lockLost(jobId: String)
    /// The stalled check returned these jobs to wait.
    case stalled(jobIds: [String])
    /// An error the worker survived.
    case error(String)
    /// The graceful close finished.
    case closed

    /// The line of a worker event.
    public init(_ event: WorkerEvent) {
        switch event {
        case .completed(let id, _): self = .completed(jobId: id)
        case .failed(let id, let reason, _, _): self = .failed(jobId: id, reason: reason)
        case .lockLost(let id): self = .lockLost(jobId: id)
        case .stalled(let ids): self = .stalled(jobIds: ids)
        case .error(let text): self = .error(text)
        }
    }

    /// Parses a printed line; nil for any other text (a worker's stderr may share the reader's file).
    public init?<Line: StringProtocol>(parsing line: Line) {
        let words = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let word = words.first.map { String($0) } ?? ""
        let rest = words.count > 1 ? String(words[1]) : nil
        switch (word, rest) {
        case ("closed", nil): self = .closed
        case ("ready", let rest?):
            guard let pid = Int32(rest) else { return nil }
            self = .ready(pid: pid)
        case ("active", let rest?):
            let parts = rest.split(separator: " ")
            guard parts.count == 2, let attempt = Int(parts[1]) else { return nil }
            self = .active(jobId: String(parts[0]), attempt: attempt)
        case ("completed", let rest?) where !rest.contains(" "): self = .completed(jobId: rest)
        case ("failed", let rest?):
            let parts = rest.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            self = .failed(jobId: String(parts[0]), reason: parts.count > 1 ? String(parts[1]) : "")
        case ("lockLost", let rest?) where !rest.contains(" "): self = .lockLost(jobId: rest)
        case ("stalled", let rest?): self = .stalled(jobIds: rest.split(separator: ",").map(String.init))
        case ("error", let rest?): self = .error(rest)
        default: return nil
        }
    }

    /// The line, without its newline.
    public var description: String {
        switch self {
        case .ready(let pid): "ready \(pid)"
        case .active(let id, let attempt): "active \(id) \(attempt)"
        case .completed(let id): "completed \(id)"
        case .failed(let id, let reason): "failed \(id) \(Self.oneLine(reason))"
        case .lockLost(let id): "lockLost \(id)"
        case .stalled(let ids): "stalled \(ids.joined(separator: ","))"
        case .error(let text): "error \(Self.oneLine(text))"
        case .closed: "closed"
        }
    }

    /// The job the line is about (for `stalled`, nil: it names several).
    public var jobId: String? {
        switch self {
        case .active(let id, _), .completed(let id), .failed(let id, _), .lockLost(let id): id
        case .ready, .stalled, .error, .closed: nil
        }
    }

    /// Writes the line and a newline to stdout, unbuffered (`StandardOutput.writeLine`).
    public func write() {
        StandardOutput.writeLine(description)
    }

    /// `text` with line breaks replaced by spaces, so one event stays one line.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
