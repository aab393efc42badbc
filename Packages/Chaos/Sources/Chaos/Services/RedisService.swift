import Foundation
import PrivateServices

#if canImport(Glibc)
import Glibc
#endif

/// A private Redis for one scenario, with AOF persistence, that can be SIGKILLed, stopped and restarted.
///
/// Reuses PrivateServices' `ThrowawayRedis` (port, directory, watchdog) and adds the fsync policy and
/// evidence-friendly operations. Blocking: every method but `url`/`pid` runs a process or waits (bounded).
final class RedisService: Sendable {
    /// When the AOF is flushed to disk.
    enum FsyncPolicy: String, Sendable {
        /// After every write: nothing acknowledged is lost, even to an OS crash.
        case always
        /// Once per second: an OS crash or power loss may lose up to a second (about two when fsync is slow) of
        /// acknowledged writes; a process SIGKILL does not, since the AOF was written before the reply.
        case everysec
    }

    private let server: ThrowawayRedis

    /// The URL clients use, e.g. `redis://127.0.0.1:41234`.
    var url: String { server.url }
    /// The TCP port on 127.0.0.1.
    var port: Int { server.port }
    /// The server's current pid (changes on restart).
    var pid: Int32 { server.pid }

    /// Starts a server with AOF on and `fsync` as the flush policy; waits until it answers PING.
    init(fsync: FsyncPolicy = .always) throws {
        self.fsync = fsync
        server = try ThrowawayRedis(appendOnly: true)
        if fsync != .always {
            // CONFIG REWRITE is not needed: restart() reuses the same command line, so re-apply after it.
            try server.cli("CONFIG", "SET", "appendfsync", fsync.rawValue)
        }
    }

    private let fsync: FsyncPolicy

    /// Sends a signal to the server process (SIGKILL, SIGSTOP, SIGCONT, ...); after a SIGKILL, waits (bounded)
    /// for it to die.
    /// - Throws: `ChaosError.signalFailed` when no server runs, `kill(2)` fails (errno named), or the server
    ///   still answers after a SIGKILL.
    func send(_ signal: Int32) throws {
        let pid = server.pid
        let name = Evidence.name(of: signal)
        guard pid > 0 else { throw ChaosError(.signalFailed, "redis-server is not running: cannot send it \(name)") }
        // Signal 0 checks that the pid is there and ours to signal, with kill(2)'s own errno; the signal itself
        // then goes through ThrowawayRedis, which reaps the server after a SIGKILL.
        guard kill(pid, 0) == 0 else {
            let reason = String(cString: strerror(errno))
            throw ChaosError(.signalFailed, "kill(\(pid), \(name)) for redis-server failed: \(reason)")
        }
        server.send(signal: signal)
        if signal == SIGKILL && server.isReady {
            throw ChaosError(.signalFailed, "redis-server still answers on port \(port) after SIGKILL of pid \(pid)")
        }
    }

    /// Starts the server again on the same port and data directory (AOF replayed) and waits until ready.
    func restart() throws {
        try server.restart()
        if fsync != .always { try server.cli("CONFIG", "SET", "appendfsync", fsync.rawValue) }
    }

    /// Runs one `redis-cli` command against it.
    @discardableResult
    func cli(_ arguments: String...) throws -> String {
        try CommandRunner.run("redis-cli", ["-u", server.url] + arguments, timeout: .seconds(10)).stdout
    }

    /// Stops the server and removes its directory.
    func stop() { server.stop() }
}
