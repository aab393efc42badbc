import Chaos
import Foundation
import HTTPServe
import PrivateServices

#if canImport(Glibc)
import Glibc
#endif

/// A `bin/monitoring-api` process started by a test on a free port (`--port 0`): Chaos's
/// `MonitoringAPIProcess`, the one starter, with the system tests' defaults. Its JSON log is kept in a file;
/// it is stopped with SIGTERM (SIGKILL if that does not work within its bound, and on deinit).
final class MonitoringServerProcess {
    private let api: MonitoringAPIProcess
    private let directory: String
    /// The bound port, read from the `server.listening` log line.
    var port: Int { api.port }
    /// `http://127.0.0.1:<port>`.
    var baseURL: String { api.baseURL }

    /// Starts the server with `environment` (over a collection every 500 ms and `LOG_LEVEL=info`; of this
    /// process's variables it gets only the basic ones, see `ManagedProcess`, never REDIS_URL and the like)
    /// and waits (bounded) for the `server.listening` line. `arguments` default to `--no-workers` (no Postgres
    /// needed).
    init(environment: [String: String], arguments: [String] = ["--no-workers"]) async throws {
        directory = try Directories.make("monitoring-api")
        api = try await MonitoringAPIProcess.start(
            executable: try SystemProcess.binary("monitoring-api"), arguments: ["--port", "0"] + arguments,
            environment: ["MONITOR_INTERVAL_MS": "500", "LOG_LEVEL": "info"].merging(environment) { _, new in new },
            logPath: "\(directory)/monitoring-api.log")
    }

    deinit {
        api.process.killNow()
        api.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Everything logged so far, one parsed JSON object per line (lines that are not JSON fail the caller's checks).
    var logLines: [[String: Any]] {
        api.process.outputLines().map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? ["unparsed": String($0)]
        }
    }

    /// `GET path`, with `token` as a bearer token if given.
    func get(_ path: String, token: String? = nil) async throws -> HTTPClient.Response {
        try await api.request(path, token: token)
    }

    /// `GET path` decoded as a JSON object (the test fails on anything else).
    func json(_ path: String, token: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        let response = try await get(path, token: token)
        guard let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw MonitoringTestFailure(
                "\(path) answered \(response.status) with a body that is not a JSON object: \(response.text)")
        }
        return (response.status, object)
    }

    /// Sends SIGTERM and waits (at most `timeout`) for the exit status.
    func terminate(timeout: Duration = .seconds(15)) throws -> Int32 {
        try api.process.send(SIGTERM)
        guard let status = api.process.waitForExit(timeout: timeout) else {
            api.process.killNow()
            throw MonitoringTestFailure("monitoring-api did not exit within \(timeout) of SIGTERM")
        }
        return status
    }
}

/// Polls a condition until it holds or a deadline passes: every wait in these tests is bounded.
enum MonitoringPoll {
    /// Re-evaluates `condition` every 100 ms for at most `timeout`; throws `description` with the last
    /// observation when it never holds.
    static func until<T>(
        _ description: String, timeout: Duration = .seconds(20), _ condition: () async throws -> (ok: Bool, observed: T)
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        var last: T?
        while ContinuousClock.now < deadline {
            let (ok, observed) = try await condition()
            if ok { return observed }
            last = observed
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MonitoringTestFailure(
            "\(description) did not happen within \(timeout); last seen: \(String(describing: last))")
    }
}

/// A system-test expectation that could not be met (a process that did not start, a poll that ran out).
struct MonitoringTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
