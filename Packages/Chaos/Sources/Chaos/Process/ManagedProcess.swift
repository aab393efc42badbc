import Essentials
import Foundation
import PrivateServices
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One child process the suite owns: started and reaped with PrivateServices' `ChildProcess` (the one
/// `posix_spawn` implementation), signalled, restarted, always cleaned up (`stop()`, deinit, and a watchdog
/// that kills it if this process dies first).
///
/// Blocking: `start()`, `waitForExit(timeout:)`, `stop()` and `restart()` block (bounded); call them from
/// `offPool` in async code. stdout and stderr go to `logPath`, which readiness probes read.
public final class ManagedProcess: Sendable {
    /// A short name for progress lines and evidence, e.g. `worker-1`.
    public let name: String
    /// The command line; `arguments[0]` is an absolute path or looked up on PATH.
    public let arguments: [String]
    /// Where stdout and stderr are appended.
    public let logPath: String
    /// Exactly the child's environment: see `init`.
    public let environment: [String: String]
    private let state = Mutex(State())

    private struct State {
        var pid: pid_t = 0
        var starts = 0
        var exitStatus: Int32?
    }

    /// The current process id (0 before `start()`; changes on `restart()`).
    public var pid: Int32 { state.withLock { $0.pid } }
    /// How many times it has been started.
    public var starts: Int { state.withLock { $0.starts } }

    /// The variables a child inherits from this process: what any program needs to run (PATH, locale, home,
    /// temporary directory, the dynamic loader's path), none that configures our programs. Everything else a
    /// child needs is passed explicitly, so the caller's REDIS_URL, DATABASE_URL, QUEUES, API_TOKEN, LOG_LEVEL…
    /// can never leak into a scenario.
    public static let inheritedVariables: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "LD_LIBRARY_PATH",
    ]

    /// Describes a process; nothing runs until `start()`. Its environment is `inheritedVariables` taken from this
    /// process, with `environment` laid over them — nothing else.
    public init(name: String, arguments: [String], logPath: String, environment: [String: String] = [:]) {
        self.name = name
        self.arguments = arguments
        self.logPath = logPath
        self.environment = ProcessInfo.processInfo.environment
            .filter { Self.inheritedVariables.contains($0.key) }
            .merging(environment) { _, explicit in explicit }
    }

    deinit { stop(grace: .zero) }

    /// Spawns the process and registers it for clean-up; returns its pid.
    @discardableResult
    public func start() throws -> Int32 {
        let pid: pid_t
        do {
            pid = try ChildProcess.spawn(arguments, logPath: logPath, environment: environment)
        } catch {
            throw ChaosError(.spawnFailed, "\(error) (build it or fix PATH)")
        }
        state.withLock {
            $0.pid = pid
            $0.starts += 1
            $0.exitStatus = nil
        }
        ProcessRegistry.shared.register(pid)
        return pid
    }

    /// Sends `signal` (SIGKILL, SIGTERM, SIGSTOP, SIGCONT, ...) to the current process.
    /// - Throws: `ChaosError.signalFailed` when no process runs or `kill(2)` fails (its errno named).
    public func send(_ signal: Int32) throws {
        let pid = self.pid
        guard pid > 0 else {
            throw ChaosError(.signalFailed, "\(name) is not running: cannot send it \(Evidence.name(of: signal))")
        }
        guard kill(pid, signal) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ChaosError(.signalFailed, "kill(\(pid), \(Evidence.name(of: signal))) for \(name) failed: \(reason)")
        }
    }

    /// True while the process runs (reaps it when it has exited).
    public var isRunning: Bool {
        let pid = self.pid
        guard pid > 0 else { return false }
        return reap(pid) == nil
    }

    /// Waits until the process exits; returns its status (128 + signal when killed) or nil on timeout.
    public func waitForExit(timeout: Duration) -> Int32? {
        let pid = self.pid
        guard pid > 0 else { return state.withLock { $0.exitStatus } }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let status = reap(pid) { return status }
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// SIGKILLs the process and reaps it (bounded).
    public func killNow() {
        // Clean-up: a process that has just exited by itself is what we want, so a failed kill is fine here.
        try? send(SIGCONT)
        try? send(SIGKILL)
        _ = waitForExit(timeout: .seconds(10))
    }

    /// Stops the process: SIGTERM, then SIGKILL after `grace`. Idempotent.
    public func stop(grace: Duration = .seconds(5)) {
        guard isRunning else { return }
        try? send(SIGCONT)
        if grace > .zero {
            try? send(SIGTERM)
            if waitForExit(timeout: grace) != nil { return }
        }
        killNow()
    }

    /// Kills the current process (if any) and starts it again with the same command line.
    @discardableResult
    public func restart() throws -> Int32 {
        stop(grace: .zero)
        return try start()
    }

    /// Everything the process has written so far.
    public func output() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The output's lines.
    public func outputLines() -> [Substring] {
        output().split(separator: "\n")
    }

    /// Polls until the output contains `marker` (e.g. a `ready` line) or the process dies or time runs out.
    public func waitForOutput(_ marker: String, timeout: Duration) async throws {
        let ready = await Deadline.poll(timeout: timeout) { [self] in
            output().contains(marker) || !isRunning
        }
        guard ready, output().contains(marker) else {
            throw ChaosError(
                .notReady,
                "\(name) (pid \(pid)) did not print '\(marker)' within \(timeout): see \(logPath): "
                    + String(output().suffix(400)))
        }
    }

    /// Reaps `pid` if it has exited and returns its status; nil while it runs.
    private func reap(_ pid: pid_t) -> Int32? {
        guard let code = ChildProcess.reap(pid) else { return nil }
        // -1: already reaped elsewhere (or not our child): treat as gone, keeping any status seen before.
        state.withLock {
            if $0.pid == pid {
                if code >= 0 { $0.exitStatus = code }
                $0.pid = 0
            }
        }
        ProcessRegistry.shared.unregister(pid)
        return code >= 0 ? code : (state.withLock { $0.exitStatus } ?? -1)
    }
}
