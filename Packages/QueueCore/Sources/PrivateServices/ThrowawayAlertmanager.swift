import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A private Prometheus Alertmanager on a free loopback port with its own configuration, storage directory and no
/// clustering, for the alert delivery tests. Debian's `prometheus-alertmanager` (`scripts/install-deps.sh`).
///
/// Blocking: `init` starts the process and waits (bounded, 30 s) for `/-/ready`; `stop()` kills it and waits.
/// Call both off the cooperative pool (``offPool(_:_:)``). Stopped by `stop()`, on deinit, and by a watchdog once
/// the test process is gone.
public final class ThrowawayAlertmanager: Sendable {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    public let url: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The directory with `alertmanager.yml`, the storage and the log.
    public let directory: String
    private let currentPID: Mutex<pid_t>

    /// Starts Alertmanager with `configuration` (the YAML of `alertmanager.yml`) and waits until it is ready.
    public init(configuration: String) throws {
        let candidates = ["prometheus-alertmanager", "alertmanager"]
        guard let executable = candidates.lazy.compactMap(Executables.find).first else {
            throw PrivateServicesError(
                "prometheus-alertmanager is not installed: run scripts/install-deps.sh "
                    + "(apt-get install prometheus-alertmanager)")
        }
        port = try Network.freePort()
        directory = try Directories.make("alertmanager")
        url = "http://127.0.0.1:\(port)"
        try configuration.write(toFile: "\(directory)/alertmanager.yml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "\(directory)/data", withIntermediateDirectories: true)
        let pid = try ChildProcess.spawn(
            [
                executable, "--config.file=\(directory)/alertmanager.yml", "--storage.path=\(directory)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=",
            ], logPath: "\(directory)/alertmanager.log")
        currentPID = Mutex(pid)
        ChildProcess.cleanUpAfterExit("kill -9 \(pid) 2>/dev/null; rm -rf '\(directory)'")
        let port = port
        let ready = Network.waitUntil(timeout: .seconds(30)) {
            ChildProcess.isRunning(pid)
                && Network.exchange(port: port, request: "GET /-/ready HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.0 200")
        }
        guard ready else {
            let log = (try? String(contentsOfFile: "\(directory)/alertmanager.log", encoding: .utf8)) ?? ""
            stop()
            throw PrivateServicesError(
                "alertmanager on port \(port) did not become ready within 30 s: \(log.suffix(800))")
        }
    }

    deinit { stop() }

    /// Stops Alertmanager and removes its directory. Idempotent.
    public func stop() {
        let pid = currentPID.withLock { pid in
            defer { pid = 0 }
            return pid
        }
        if pid > 0 {
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The log so far (for failure messages).
    public var log: String {
        (try? String(contentsOfFile: "\(directory)/alertmanager.log", encoding: .utf8)) ?? ""
    }
}
