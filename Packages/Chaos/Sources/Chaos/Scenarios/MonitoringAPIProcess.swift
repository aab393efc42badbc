import Foundation
import HTTPServe
import PrivateServices

/// A running monitoring-api and an HTTP client (HTTPServe's) to call it: the one way a chaos scenario or a
/// system test starts the server (`start`), on a free port (`--port 0`), reading the port from its log.
public struct MonitoringAPIProcess: Sendable {
    /// The process (stdout and stderr, the JSON log, go to its `logPath`).
    public let process: ManagedProcess
    /// The bound port, read from the `server.listening` log line.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    private let client: HTTPClient

    /// Starts `executable` (a monitoring-api binary) with `arguments` and exactly `environment` over the basic
    /// variables (see `ManagedProcess`), logging to `logPath`, and waits (bounded) until it listens. The
    /// arguments should include `--port 0`.
    /// - Throws: `ChaosError.spawnFailed` or `.notReady` (the log's tail in the message).
    public static func start(
        name: String = "monitoring-api", executable: String, arguments: [String],
        environment: [String: String] = [:], logPath: String
    ) async throws -> MonitoringAPIProcess {
        let process = ManagedProcess(
            name: name, arguments: [executable] + arguments, logPath: logPath, environment: environment)
        _ = try await offPool { try process.start() }
        do {
            return try await MonitoringAPIProcess(process: process)
        } catch {
            _ = try? await offPool { process.stop(grace: .zero) }
            throw error
        }
    }

    /// Waits (bounded) for the `server.listening` line and reads the port from it.
    init(process: ManagedProcess) async throws {
        self.process = process
        try await process.waitForOutput("\"event\":\"server.listening\"", timeout: .seconds(30))
        let line = process.outputLines().first { $0.contains("server.listening") } ?? ""
        let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        guard let port = object?["port"] as? Int else {
            throw ChaosError(.notReady, "monitoring-api printed no port: see \(process.logPath)")
        }
        self.port = port
        client = try HTTPClient(
            configuration: HTTPClient.Configuration(connectTimeout: .seconds(2), requestTimeout: .seconds(10)))
    }

    /// GETs `path`, with `token` as a bearer token when given.
    public func request(_ path: String, token: String? = nil) async throws -> HTTPClient.Response {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await client.get(baseURL + path, headers: headers)
    }

    /// GETs `path`; returns the status, the body text and the body parsed as JSON (nil when not JSON).
    public func get(_ path: String) async throws -> (status: Int, text: String, json: Any?) {
        let response = try await request(path)
        let json = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
        return (response.status, response.text, json)
    }

    /// Ends the client's thread.
    public func shutdown() { client.shutdown() }
}
