import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Spawns and reaps child processes with `posix_spawn`: the one way the tests and Chaos start programs.
/// The caller owns each child's lifetime (Foundation's `Process` reaps children on its own thread, which
/// races with our `waitpid`, so it is not used).
///
/// Blocking: `run` and `waitForExit` wait (bounded); call them off the cooperative pool (`offPool`).
public enum ChildProcess {
    /// Starts `arguments[0]` (looked up on `PATH`) with its output appended to `logPath` (stderr to
    /// `errorPath` when given), in `environment` (this process's when nil); returns its pid.
    public static func spawn(
        _ arguments: [String], logPath: String, errorPath: String? = nil, environment: [String: String]? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map {
            $0.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { envp?.forEach { free($0) } }

        var pid: pid_t = 0
        let status =
            envp.map { envp in
                var envp = envp
                return posix_spawnp(&pid, arguments[0], &actions, nil, argv, &envp)
            } ?? posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard status == 0 else {
            throw PrivateServicesError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    /// Runs a command to completion within `timeout`; throws with its output when it fails.
    @discardableResult
    public static func run(_ arguments: [String], timeout: Duration = .seconds(60)) throws -> String {
        let logPath = NSTemporaryDirectory() + "testservices-\(UUID().uuidString).log"
        defer { unlink(logPath) }
        let pid = try spawn(arguments, logPath: logPath)
        let status = waitForExit(pid, timeout: timeout)
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        guard let status else {
            kill(pid, SIGKILL)
            _ = waitForExit(pid, timeout: .seconds(5))
            throw PrivateServicesError("\(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        guard status == 0 else {
            throw PrivateServicesError("\(arguments.joined(separator: " ")) exited with \(status): \(output)")
        }
        return output
    }

    /// Waits for a child to exit; returns its exit status (128+signal when killed), or nil on timeout.
    public static func waitForExit(_ pid: pid_t, timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let status = reap(pid) { return status }
            if ContinuousClock.now >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Reaps the child if it has exited and returns its exit status (128+signal when killed), -1 when it is
    /// not (or no longer) a child of ours; nil while it still runs. Never blocks.
    public static func reap(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
        if result == -1 && errno != EINTR { return -1 }
        return nil
    }

    /// Reaps the child if it has exited; true while it still runs.
    public static func isRunning(_ pid: pid_t) -> Bool {
        reap(pid) == nil
    }

    /// Starts a detached watchdog that runs `cleanup` (a shell command) once this test process is gone,
    /// so a crashed or killed test run leaves no server behind.
    public static func cleanUpAfterExit(_ cleanup: String) {
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(cleanup)"
        _ = try? spawn(["setsid", "sh", "-c", script], logPath: "/dev/null")
    }
}
