import Foundation
import HTTPServe

/// A running monitoring-api and an HTTP client (HTTPServe's) to call it.
public struct MonitoringAPIProcess: Sendable {
    /// The process.
    public let process: ManagedProcess
    /// `http://127.0.0.1:<port>`, read from its first log line.
    public let baseURL: String
    private let client: HTTPClient

    /// Waits (bounded) for the `server.listening` line and reads the port from it.
    init(process: ManagedProcess) async throws {
        self.process = process
        try await process.waitForOutput("\"event\":\"server.listening\"", timeout: .seconds(30))
        let line = process.outputLines().first { $0.contains("server.listening") } ?? ""
        guard let range = line.range(of: "\"port\":"),
            let port = Int(line[range.upperBound...].prefix { $0.isNumber })
        else {
            throw ChaosError(.notReady, "monitoring-api printed no port: see \(process.logPath)")
        }
        baseURL = "http://127.0.0.1:\(port)"
        client = try HTTPClient(
            configuration: HTTPClient.Configuration(connectTimeout: .seconds(2), requestTimeout: .seconds(10)))
    }

    /// GETs `path`; returns the status, the body text and the body parsed as JSON (nil when not JSON).
    public func get(_ path: String) async throws -> (status: Int, text: String, json: Any?) {
        let response = try await client.get(baseURL + path)
        let json = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
        return (response.status, response.text, json)
    }

    /// Ends the client's thread.
    public func shutdown() { client.shutdown() }
}
