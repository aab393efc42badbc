/// The command-line options of a worker process, parsed once for every executable that runs one
/// (`maxctl worker`, and the crash tests' `queuecore-worker`): the settings of ``Worker/Configuration``
/// a process exposes, their flag names, help lines, defaults and limits. Bad values are refused with the
/// flag's name, never replaced by a default.
///
/// The caller splits its command line (each tool has its own argument syntax) and hands the values in;
/// durations are parsed by the caller's parser (`maxctl` uses Monitoring's, which takes `500ms`, `30s`,
/// `10m`, `1.5s` or bare milliseconds), so one tool accepts one set of forms for all its durations.
public struct WorkerProcessOptions: Sendable, Hashable {
    /// The flags that take a value, without their leading `--`.
    public static let valueOptions: Set<String> = [
        "concurrency", "lock-duration", "stalled-interval", "max-stalled-count", "drain-delay",
    ]

    /// The help lines of these options (two-space indent, aligned like maxctl's).
    public static let help = """
          --concurrency N        jobs at once (default 1)
          --lock-duration D      job lock time-to-live, at least 100ms (default 30s)
          --stalled-interval D   how often the stalled check runs, at least 10ms (default 30s)
          --max-stalled-count N  stalls a job survives before it fails (default 1)
          --drain-delay D        longest wait for a job on an empty queue, at least 10ms (default 5s)
        """

    /// Jobs processed at once (`--concurrency`, default 1).
    public var concurrency = 1
    /// Lock time-to-live (`--lock-duration`, default 30 s, at least 100 ms).
    public var lockDuration: Duration = .seconds(30)
    /// Stalled-check period (`--stalled-interval`, default 30 s, at least 10 ms).
    public var stalledInterval: Duration = .seconds(30)
    /// Stalls a job survives (`--max-stalled-count`, default 1).
    public var maxStalledCount = 1
    /// Longest block on an empty queue (`--drain-delay`, default 5 s, at least 10 ms).
    public var drainDelay: Duration = .seconds(5)

    /// A bad option value; `description` names the flag and what it accepts.
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        /// The flag, with its `--`.
        public var option: String
        /// What is wrong and what is accepted.
        public var description: String
    }

    /// The defaults (BullMQ's).
    public init() {}

    /// Reads the options: `value(name)` answers the text given for `--name` (nil when absent);
    /// `duration(text)` parses a duration (nil when `text` is none).
    public init(
        value: (String) -> String?, duration: (String) -> Duration?
    ) throws(Invalid) {
        func integer(_ name: String, minimum: Int, default fallback: Int) throws(Invalid) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), number >= minimum else {
                throw Invalid(
                    option: "--\(name)", description: "--\(name) must be a whole number ≥ \(minimum), got '\(text)'")
            }
            return number
        }
        func time(_ name: String, minimumMs: Int, default fallback: Duration) throws(Invalid) -> Duration {
            guard let text = value(name) else { return fallback }
            guard let parsed = duration(text) else {
                throw Invalid(
                    option: "--\(name)",
                    description: "--\(name) '\(text)' is not a duration: use e.g. 500ms, 30s, 10m or 24h")
            }
            guard parsed >= .milliseconds(minimumMs) else {
                throw Invalid(
                    option: "--\(name)", description: "--\(name) must be at least \(minimumMs)ms, got '\(text)'")
            }
            return parsed
        }
        concurrency = try integer("concurrency", minimum: 1, default: concurrency)
        lockDuration = try time("lock-duration", minimumMs: 100, default: lockDuration)
        stalledInterval = try time("stalled-interval", minimumMs: 10, default: stalledInterval)
        maxStalledCount = try integer("max-stalled-count", minimum: 0, default: maxStalledCount)
        drainDelay = try time("drain-delay", minimumMs: 10, default: drainDelay)
    }

    /// The worker configuration these options describe, for queues under `prefix`.
    public func configuration(prefix: String) -> Worker.Configuration {
        Worker.Configuration(
            prefix: prefix, concurrency: concurrency, lockDuration: lockDuration, stalledInterval: stalledInterval,
            maxStalledCount: maxStalledCount, drainDelay: drainDelay)
    }
}
