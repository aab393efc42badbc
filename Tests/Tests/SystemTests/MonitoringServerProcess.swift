import Foundation
import HTTPServe
import TestServices

#if canImport(Glibc)
import Glibc
#endif

/// A `bin/monitoring-api` process started by a test on a free port (`--port 0`), its stderr (the JSON log)
/// kept in a file, stopped with SIGTERM (SIGKILL if that does not work within its bound).
final class MonitoringServerProcess {
    /// The bound port, read from the first log line.
    let port: Int
    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let logPath: String
    private let client: HTTPClient

    /// Starts the server with `environment` over this process's (without its service variables) and waits
    /// (at most 15 s) for the `server.listening` line. `arguments` default to `--no-workers` (no Postgres needed).
    init(environment: [String: String], arguments: [String] = ["--no-workers"]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "monitoring-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        logPath = directory.appendingPathComponent("stderr.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: try SystemProcess.binary("monitoring-api"))
        process.arguments = ["--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment
        for name in [
            "REDIS_URL", "DATABASE_URL", "API_TOKEN", "QUEUES", "QUEUE_PREFIX", "MONITORING_CONFIG", "ALERT_PROFILE",
        ] {
            env[name] = nil
        }
        env.merge(["MONITOR_INTERVAL_MS": "500", "LOG_LEVEL": "info"]) { _, new in new }
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        client = try HTTPClient(configuration: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(10)))
        let deadline = ContinuousClock.now + .seconds(15)
        var found: Int?
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            found = Self.listeningPort(in: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            throw MonitoringTestFailure("monitoring-api did not log server.listening within 15 s; its log:\n\(log)")
        }
        port = found
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        client.shutdown()
    }

    /// The port in the first line if it is the `server.listening` event.
    private static func listeningPort(in log: String) -> Int? {
        guard let first = log.split(separator: "\n").first,
            let object = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
            object["event"] as? String == "server.listening"
        else { return nil }
        return object["port"] as? Int
    }

    /// Everything logged so far, one parsed JSON object per line (lines that are not JSON fail the caller's checks).
    var logLines: [[String: Any]] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? ["unparsed": String($0)]
        }
    }

    /// `GET path`, with `token` as a bearer token if given.
    func get(_ path: String, token: String? = nil) async throws -> HTTPClient.Response {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await client.get(baseURL + path, headers: headers)
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
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw MonitoringTestFailure("monitoring-api did not exit within \(timeout) of SIGTERM")
        }
        return process.terminationStatus
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
