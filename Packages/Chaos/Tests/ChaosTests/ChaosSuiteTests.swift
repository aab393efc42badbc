import Foundation
import PrivateServices
import Synchronization
import XCTest

@testable import Chaos

/// The spec's scenarios end to end: real worker processes (`bin/maxctl worker`) SIGKILLed, a real redis-server
/// SIGKILLed and restarted, the real monitoring-api (`bin/monitoring-api`) asked over HTTP; both binaries come
/// from `make build`.
final class ChaosSuiteTests: XCTestCase {
    func testTheSpecScenariosPassWithRealKillsAndRestarts() async throws {
        let (report, output) = try await runScenarios(ChaosRunner.specScenarios)
        XCTAssertEqual(report.passed, ChaosRunner.specScenarios.count, output)

        let crash = try XCTUnwrap(report.scenarios.first { $0.name == "worker-crash" })
        XCTAssertEqual(crash.evidence.signals.first?.signal, "SIGKILL")
        XCTAssertEqual(crash.evidence.accounting?.completed, 10)
        XCTAssertEqual(crash.evidence.accounting?.lost, [])
        let integration = try XCTUnwrap(report.scenarios.first { $0.name == "monitoring-integration" })
        XCTAssertEqual(integration.evidence.signals.map(\.process), ["redis-server"])
        XCTAssertEqual(integration.evidence.restarts.count, 1)
        XCTAssertTrue(report.summary[0].hasPrefix("🎯 OVERALL RESULTS: 5/5"), output)
        XCTAssertTrue(ProcessRegistry.shared.live.isEmpty)
    }

    /// `make chaos` from a new user's shell: `maxctl chaos run` run as scripts/chaos.sh runs it, with no
    /// REDIS_URL or DATABASE_URL, and with settings in its environment that would break monitoring-api if they
    /// reached it (LOG_LEVEL=error hides the line announcing its port, MONITORING_CONFIG names no file,
    /// API_TOKEN makes every endpoint 401). Only the two scenarios that start monitoring-api, to stay cheap.
    func testTheMonitoringScenariosPassFromABareShellWhateverTheCallerExports() throws {
        let binaries = Binaries.locate()
        try Self.skipWithoutBinaries(binaries)
        let result = try CommandRunner.run(
            binaries.maxctl, ["chaos", "run", "--scenario", "queue-monitoring", "--scenario=monitoring-integration"],
            environment: [
                "MONITORING_API": binaries.monitoringAPI, "MAXCTL": binaries.maxctl, "LOG_LEVEL": "error",
                "MONITORING_CONFIG": "/nonexistent/monitoring.json", "API_TOKEN": "leaked", "QUEUES": "leaked",
                "QUEUE_PREFIX": "leaked",
            ],
            removing: ["REDIS_URL", "DATABASE_URL", "CHAOS_DATABASE_URL"], timeout: .seconds(150))
        let output = result.stdout + result.stderr
        XCTAssertEqual(result.status, 0, output)
        XCTAssertTrue(result.stdout.contains("🎯 OVERALL RESULTS: 2/2 tests passed"), output)
    }
}

extension XCTestCase {
    /// Runs `scenarios` through a runner of the suite's own (its redis-server; the attempt log in a test
    /// database), as `maxctl chaos run` would; returns the report and the progress lines.
    func runScenarios(_ scenarios: [any Scenario]) async throws -> (report: RunReport, output: String) {
        let binaries = Binaries.locate()
        try Self.skipWithoutBinaries(binaries)
        let database = try TestServices.makeDatabase(prefix: "chaos")
        let lines = LineSink()
        let configuration = ChaosRunner.Configuration(
            databaseURL: database, binaries: binaries, progress: { lines.append($0) })
        let runner = try await offPool { try ChaosRunner(configuration: configuration) }
        let report = await runner.run(scenarios)
        runner.shutdown()
        return (report, lines.all.joined(separator: "\n"))
    }

    /// Skips unless `bin/maxctl` and `bin/monitoring-api` were found (`make build`); under CI=true a missing
    /// binary is a failure instead (the scenarios then cannot start it).
    static func skipWithoutBinaries(_ binaries: Binaries) throws {
        if !binaries.found && !TestServices.isCI {
            throw XCTSkip(
                "bin/maxctl or bin/monitoring-api is missing: run `make build` (under CI=true this fails instead)")
        }
    }
}

/// Collects progress lines from any thread.
final class LineSink: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
