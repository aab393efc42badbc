import Foundation
import Synchronization

/// What a scenario did, for the `--json` report: steps, signals sent, restarts, job ids, figures.
///
/// Threading: a `Mutex` inside; any task may append.
final class Evidence: Sendable {
    /// A signal sent to a process.
    struct SignalSent: Sendable, Codable, Equatable {
        /// The process's name (`worker-1`, `redis-server`, `postgres`).
        var process: String
        /// Its pid.
        var pid: Int32
        /// The signal's name (`SIGKILL`).
        var signal: String
        /// When, in ms since the scenario started.
        var atMs: Int
    }

    /// One disturbance of a soak: what was done to which process, when, and how long until it served again.
    struct Disturbance: Sendable, Codable, Equatable {
        /// What was done: `worker SIGKILL`, `postgres stop -m immediate`, `postgres SIGKILL`, `redis SIGKILL`.
        var kind: String
        /// The process disturbed (`worker-2`, `postgres`, `redis-server`).
        var process: String
        /// Its pid at the time.
        var pid: Int32
        /// When, in ms since the scenario started.
        var atMs: Int
        /// From the disturbance until the process (or its replacement) served again, in ms.
        var recoveryMs: Int
    }

    /// Everything recorded, as a value.
    struct Snapshot: Sendable, Codable, Equatable {
        /// Progress steps in order, each prefixed by its time in ms since the scenario started.
        var steps: [String] = []
        /// Signals sent.
        var signals: [SignalSent] = []
        /// Restarts (`worker-2 pid 1234`, `redis-server pid 99`).
        var restarts: [String] = []
        /// Job ids whose add was acknowledged.
        var jobIds: [String] = []
        /// The checker's counts, when the scenario ran it.
        var accounting: Accounting?
        /// Measured figures by name (ms, counts, percentages).
        var figures: [String: Double] = [:]
        /// A soak's disturbances, in order (empty for other scenarios).
        var disturbances: [Disturbance] = []
        /// A soak's scheduled-post accounting, when it ran one.
        var posts: PostAccounting?
        /// A soak's resource samples and their verdict, when it watched.
        var resources: [ResourceWatch.Trend] = []
    }

    private let state = Mutex(Snapshot())
    private let started = ContinuousClock.now

    /// Creates an empty record; times count from now.
    init() {}

    /// Milliseconds since the record was created.
    var elapsedMs: Int { Int((ContinuousClock.now - started).nanoseconds / 1_000_000) }

    /// The record so far.
    var snapshot: Snapshot { state.withLock { $0 } }

    func step(_ text: String) {
        let at = elapsedMs
        state.withLock { $0.steps.append("+\(at)ms \(text)") }
    }

    func signal(_ signal: Int32, to process: String, pid: Int32) {
        let at = elapsedMs
        state.withLock {
            $0.signals.append(SignalSent(process: process, pid: pid, signal: Self.name(of: signal), atMs: at))
        }
    }

    func restart(_ text: String) { state.withLock { $0.restarts.append(text) } }
    func acknowledged(_ ids: [String]) { state.withLock { $0.jobIds += ids } }
    func accounting(_ accounting: Accounting) { state.withLock { $0.accounting = accounting } }
    func figure(_ name: String, _ value: Double) { state.withLock { $0.figures[name] = value } }
    func disturbance(_ disturbance: Disturbance) { state.withLock { $0.disturbances.append(disturbance) } }
    func posts(_ accounting: PostAccounting) { state.withLock { $0.posts = accounting } }
    func resources(_ trends: [ResourceWatch.Trend]) { state.withLock { $0.resources = trends } }

    /// `SIGKILL` for 9 and so on (the signals the suite sends).
    static func name(of signal: Int32) -> String {
        switch signal {
        case 3: "SIGQUIT"
        case 9: "SIGKILL"
        case 15: "SIGTERM"
        case 19: "SIGSTOP"
        case 18: "SIGCONT"
        default: "signal \(signal)"
        }
    }
}
