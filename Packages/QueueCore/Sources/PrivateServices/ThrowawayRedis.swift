import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A private `redis-server` on a free loopback port with its own temporary directory, for tests that
/// need a server of their own (to kill, stop or restart it) and as the fallback shared test server.
///
/// Blocking: `init`, `restart()` and `stop()` start or stop a process and wait (bounded) for it.
/// The server is stopped by `stop()`, on deinit, and by a watchdog once the test process is gone.
public final class ThrowawayRedis: Sendable {
    /// The URL clients connect with, e.g. `redis://127.0.0.1:41234` (with the password when set).
    public let url: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The data directory (AOF and logs live here; removed by `stop()`).
    public let directory: String
    private let arguments: [String]
    private let currentPID: Mutex<pid_t>

    /// The server's current process id (changes on `restart()`).
    public var pid: Int32 { currentPID.withLock { $0 } }

    /// Starts a server and waits until it answers PING.
    /// - Parameters:
    ///   - appendOnly: persist with AOF and `appendfsync always`, so a SIGKILL loses no acknowledged write.
    ///   - password: `requirepass`, for authentication tests.
    public init(appendOnly: Bool = false, password: String? = nil) throws {
        guard let executable = Executables.find("redis-server") else {
            throw PrivateServicesError("redis-server is not installed: run `make deps` (apt-get install redis-server)")
        }
        port = try Network.freePort()
        directory = try Directories.make("redis")
        var arguments = [
            executable, "--port", "\(port)", "--bind", "127.0.0.1", "--dir", directory, "--save", "",
            "--daemonize", "no", "--protected-mode", "no", "--logfile", "\(directory)/redis.log",
            "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always",
        ]
        if let password { arguments += ["--requirepass", password] }
        self.arguments = arguments
        let credentials =
            password.map { ":\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)@" } ?? ""
        url = "redis://\(credentials)127.0.0.1:\(port)"
        currentPID = Mutex(0)
        try start()
        ChildProcess.cleanUpAfterExit("kill -9 \(pid) 2>/dev/null; rm -rf '\(directory)'")
    }

    deinit { stop() }

    /// Sends a signal to the server (SIGKILL, SIGTERM, SIGSTOP, SIGCONT, ...).
    public func send(signal: Int32) {
        let pid = self.pid
        guard pid > 0 else { return }
        kill(pid, signal)
        if signal == SIGKILL { _ = ChildProcess.waitForExit(pid, timeout: .seconds(10)) }
    }

    /// Starts the server again on the same port and directory (after a kill or stop) and waits until ready.
    public func restart() throws {
        if ChildProcess.isRunning(pid) {
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(10))
        }
        try start()
    }

    /// Stops the server and removes its directory. Idempotent.
    public func stop() {
        let pid = currentPID.withLock { pid in
            defer { pid = 0 }
            return pid
        }
        if pid > 0 {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs one command with `redis-cli` (for test set-up, e.g. CONFIG SET) and returns its output.
    @discardableResult
    public func cli(_ arguments: String...) throws -> String {
        guard let redisCLI = Executables.find("redis-cli") else {
            throw PrivateServicesError("redis-cli is not installed: run `make deps` (apt-get install redis-tools)")
        }
        return try ChildProcess.run([redisCLI, "-u", url] + arguments, timeout: .seconds(10))
    }

    /// True when the server answers PING.
    public var isReady: Bool {
        let reply = Network.exchange(port: port, request: "PING\r\n")
        return reply.hasPrefix("+PONG") || reply.hasPrefix("-NOAUTH")
    }

    private func start() throws {
        let pid = try ChildProcess.spawn(arguments, logPath: "\(directory)/stdout.log")
        currentPID.withLock { $0 = pid }
        let ready = Network.waitUntil(timeout: .seconds(20)) {
            ChildProcess.isRunning(pid) && isReady
        }
        guard ready else {
            let log = (try? String(contentsOfFile: "\(directory)/redis.log", encoding: .utf8)) ?? ""
            throw PrivateServicesError(
                "redis-server on port \(port) did not become ready within 20 s: \(log.suffix(500))")
        }
    }
}
