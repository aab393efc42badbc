import Foundation
import Synchronization
import TestServices
import XCTest

@testable import Chaos

/// The spec's scenarios end to end: real chaos-worker processes SIGKILLed, a real redis-server SIGKILLed and
/// restarted, the real monitoring-api (`bin/monitoring-api`, from `make build`) asked over HTTP.
final class ChaosSuiteTests: XCTestCase {
    func testTheSpecScenariosPassWithRealKillsAndRestarts() async throws {
        let binaries = Binaries.locate()
        if !binaries.monitoringAPI.hasPrefix("/") && !TestServices.isCI {
            throw XCTSkip("bin/monitoring-api is missing: run `make build` (under CI=true this fails instead)")
        }
        let database = try TestServices.makeDatabase(prefix: "chaos")
        let lines = LineSink()
        let configuration = ChaosRunner.Configuration(
            databaseURL: database, binaries: binaries, progress: { lines.append($0) })
        let runner = try await OwnThread.run { try ChaosRunner(configuration: configuration) }
        let report = await runner.run(ChaosRunner.specScenarios)
        runner.shutdown()
        let output = lines.all.joined(separator: "\n")
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
}

/// Collects progress lines from any thread.
final class LineSink: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
