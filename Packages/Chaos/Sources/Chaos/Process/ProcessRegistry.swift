import PrivateServices
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Every process the suite started and has not reaped, so a run always cleans up: `killAll()` at the end of a
/// run, and a watchdog shell (one per process, detached with setsid) SIGKILLs the child once this process is
/// gone — even after our own SIGKILL.
final class ProcessRegistry: Sendable {
    /// The registry of this process.
    static let shared = ProcessRegistry()
    private let pids = Mutex<Set<pid_t>>([])

    /// The pids registered and not yet reaped.
    var live: Set<Int32> { pids.withLock { $0 } }

    /// Records `pid` and starts its watchdog.
    func register(_ pid: pid_t) {
        pids.withLock { _ = $0.insert(pid) }
        let parent = getpid()
        // The watchdog checks that the pid still runs the same program, so a reused pid is never killed.
        let script =
            "exe=$(readlink /proc/\(pid)/exe); while kill -0 \(parent) 2>/dev/null; do sleep 1; done; "
            + "[ \"$(readlink /proc/\(pid)/exe)\" = \"$exe\" ] && kill -9 \(pid) 2>/dev/null"
        // Our child is not a process-group leader, so setsid execs the shell without forking: the watchdog
        // outlives us by design and is never a zombie of ours.
        _ = try? ChildProcess.spawn(["setsid", "sh", "-c", script], logPath: "/dev/null")
    }

    /// Forgets a reaped pid.
    func unregister(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }

    /// SIGKILLs every live registered process (SIGCONT first, for stopped ones). Idempotent.
    func killAll() {
        for pid in live {
            // Clean-up: a process that has exited by itself (ESRCH) is what we want, so results are not checked.
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            unregister(pid)
        }
    }
}
