import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `bin/monitoring-api`'s command line as a process: help, refused arguments and configuration, a taken
/// port. Each run is bounded; none of them needs Redis to be up.
final class MonitoringCommandLineTests: XCTestCase {
    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("monitoring-api"), arguments, environment: environment,
            removing: ["REDIS_URL", "PORT", "API_TOKEN", "MONITORING_CONFIG"], timeout: .seconds(20))
    }

    /// The JSON log lines of a run's stderr.
    private func logLines(_ result: CommandResult) -> [[String: Any]] {
        result.stderr.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func testHelpListsEveryEndpointAndVariable() throws {
        let result = try run(["--help"])
        XCTAssertEqual(result.status, 0)
        for text in [
            "/api/monitoring/queue-metrics/:queueName", "/api/monitoring/system-health", "/metrics", "/readyz",
            "REDIS_URL", "QUEUE_PREFIX", "QUEUES", "MONITOR_INTERVAL_MS", "METRICS_RETENTION", "MAX_WAITING_JOBS",
            "MAX_FAILED_RATE", "MAX_STALLED_JOBS", "MAX_REDIS_LATENCY_MS", "MAX_SOCIAL_MODELS",
            "MAX_ADVERTISING_MODELS",
            "MODEL_IDLE_TIMEOUT_MS", "AI_CACHE_UTILIZATION_ALERT", "AI_CACHE_MIN_HIT_RATE", "AI_CACHE_MIN_LOADS",
            "AI_MEMORY_ALERT_MB", "MIN_FINISHED_FOR_RATE", "API_TOKEN", "LOG_LEVEL", "MONITORING_CONFIG",
            "ALERT_PROFILE", "--no-workers", "--workers-only", "--metrics-port",
        ] {
            XCTAssertTrue(result.stdout.contains(text), text)
        }
        XCTAssertEqual(try run(["--version"]).stdout, "monitoring-api 0.1.0\n")
    }

    func testBadArgumentsAndAMetricsPortWithoutWorkersOnlyExitThreeWithAPointerToHelp() throws {
        for arguments in [["--prot", "5000"], ["serve"], ["--port"], ["--metrics-port", "9100"]] {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 3, "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("monitoring-api: "), result.stderr)
        }
        XCTAssertTrue(try run(["--metrics-port", "9100"]).stderr.contains("--workers-only"))
    }

    func testInvalidConfigurationIsAJSONLineNamingTheVariableAndExitsThree() throws {
        let result = try run([], environment: ["MAX_FAILED_RATE": "lots"])
        XCTAssertEqual(result.status, 3)
        let line = try XCTUnwrap(logLines(result).first)
        XCTAssertEqual(line["event"] as? String, "configuration.invalid")
        XCTAssertEqual(line["level"] as? String, "error")
        XCTAssertTrue((line["message"] as? String ?? "").contains("MAX_FAILED_RATE"), "\(line)")
        let secret = try run([], environment: ["API_TOKEN": "has space secret"])
        XCTAssertEqual(secret.status, 3)
        XCTAssertFalse(secret.stderr.contains("secret"), "the token must not be echoed: \(secret.stderr)")
    }

    func testATakenPortFailsStartUpWithExitOneNamingTheAddress() throws {
        // Hold a port with a listening socket of our own.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        XCTAssertEqual(listen(fd, 1), 0)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let result = try run(["--no-workers", "--port", "\(port)", "--redis", "redis://127.0.0.1:1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        let line = try XCTUnwrap(logLines(result).last)
        XCTAssertEqual(line["event"] as? String, "startup.failed")
        XCTAssertTrue((line["message"] as? String ?? "").contains("\(port)"), "\(line)")
    }
}
