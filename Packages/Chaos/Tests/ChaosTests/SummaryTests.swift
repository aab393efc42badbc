import XCTest

@testable import Chaos

final class SummaryTests: XCTestCase {
    func testAllPassedPrintsTheSpecsLines() {
        let lines = Summary.lines(passed: 5, total: 5)
        XCTAssertEqual(lines[0], "🎯 OVERALL RESULTS: 5/5 tests passed (100.0%)")
        XCTAssertEqual(lines[1], "✅ All chaos tests passed! System is resilient to worker crashes.")
        XCTAssertTrue(lines[2].contains("production-ready"))
    }

    func testOneOrTwoFailuresAskForAReview() {
        XCTAssertEqual(Summary.lines(passed: 3, total: 5)[0], "🎯 OVERALL RESULTS: 3/5 tests passed (60.0%)")
        XCTAssertTrue(Summary.interpretation(failed: 1, total: 5).contains("review"))
        XCTAssertTrue(Summary.interpretation(failed: 2, total: 5).contains("review"))
    }

    func testThreeOrMoreFailuresAreNotProductionReady() {
        XCTAssertTrue(Summary.interpretation(failed: 3, total: 5).contains("NOT production-ready"))
        XCTAssertFalse(Summary.lines(passed: 0, total: 5)[1].contains("All chaos tests passed"))
    }

    func testTheJSONReportCarriesCountsAndSummary() throws {
        var report = RunReport(startedAt: "2026-11-29T00:00:00Z")
        report.scenarios.append(
            .init(
                name: "a", title: "A", verdict: Verdict(summary: "ok", failures: []), durationMs: 1,
                evidence: Evidence.Snapshot()))
        report.scenarios.append(
            .init(
                name: "b", title: "B", verdict: Verdict(summary: "no", failures: ["x"]), durationMs: 1,
                evidence: Evidence.Snapshot()))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        XCTAssertEqual(object?["passed"] as? Int, 1)
        XCTAssertEqual(object?["total"] as? Int, 2)
        XCTAssertEqual((object?["summary"] as? [String])?.first, "🎯 OVERALL RESULTS: 1/2 tests passed (50.0%)")
        XCTAssertEqual(try JSONDecoder().decode(RunReport.self, from: JSONEncoder().encode(report)), report)
    }

    func testRetryGapsAreJudgedWithAGenerousTolerance() {
        XCTAssertTrue(RetryScenario.gapIsAbout(1_050, expected: 1_000))
        XCTAssertTrue(RetryScenario.gapIsAbout(2_400, expected: 2_000))
        XCTAssertFalse(RetryScenario.gapIsAbout(500, expected: 1_000))
        XCTAssertFalse(RetryScenario.gapIsAbout(4_000, expected: 2_000))
    }

    func testTheJobInFlightIsTheLastActiveOneNotYetCompleted() {
        XCTAssertNil(WorkerCrashScenario.jobInFlight(["ready 1", "active 1 1"]))
        XCTAssertEqual(WorkerCrashScenario.jobInFlight(["active 1 1", "completed 1", "active 2 1"]), "2")
        XCTAssertNil(WorkerCrashScenario.jobInFlight(["active 1 1", "completed 1", "active 2 1", "completed 2"]))
    }
}

final class ChaosCommandTests: XCTestCase {
    func testAnUnknownScenarioOptionOrOperandOrABadSoakIsAUsageError() async {
        let cases: [[String]] = [
            ["--scenario", "nope"], ["--scenario=worker-crash", "--scenario", "nope"], ["--fast"], ["--json=1"],
            ["--soak", "soon"], ["--soak=0s"], ["--database"], ["worker-crash"],
        ]
        for arguments in cases {
            let status = await ChaosCommand.run(arguments)
            XCTAssertEqual(status, 3, "\(arguments)")
        }
    }
}

/// Verdict lines say what was measured: success text only when the check passed.
final class VerdictTextTests: XCTestCase {
    func testQueueMonitoringClaimsAgreementOnlyWhenTheMetricsAgreed() {
        let passed = QueueMonitoringScenario.summary(agreedAfterMs: 640, metricsMissing: 0)
        XCTAssertTrue(passed.contains("counts equal the truth"))
        XCTAssertTrue(passed.contains("/metrics agrees"))
        let failed = QueueMonitoringScenario.summary(agreedAfterMs: nil, metricsMissing: 2)
        XCTAssertFalse(failed.contains("equal the truth ("), failed)
        XCTAssertFalse(failed.contains("agrees"), failed)
        XCTAssertTrue(failed.contains("lacks 2"), failed)
    }

    func testMonitoringIntegrationCallsTheEndpointsValidOnlyWithoutProblems() {
        XCTAssertTrue(MonitoringIntegrationScenario.endpointsLine(problems: 0).contains("valid data"))
        XCTAssertFalse(MonitoringIntegrationScenario.endpointsLine(problems: 1).contains("valid"))
        let passed = MonitoringIntegrationScenario.summary(
            endpointProblems: 0, unhealthyAfterMs: 480, healthyAgainAfterMs: 410)
        XCTAssertEqual(passed, "7 endpoints valid; Redis SIGKILL → 503 unhealthy in 480 ms; restart → 200 in 410 ms")
        let failed = MonitoringIntegrationScenario.summary(
            endpointProblems: 3, unhealthyAfterMs: nil, healthyAgainAfterMs: nil)
        XCTAssertEqual(failed, "3 endpoint problem(s); Redis SIGKILL → never 503 unhealthy; restart → not 200 again")
    }

    func testASoakWhoseDisturbersNeverStruckOrWithoutAcknowledgedJobsFails() {
        let plan = SoakPlan(
            duration: .seconds(60), workerKillEvery: .seconds(2), postgresCrashEvery: .seconds(5),
            redisKillEvery: .seconds(9))
        let struck = SoakDisturbers.Counts(workerKills: 3, postgresCrashes: 2, redisKills: 1)
        var accounting = Accounting()
        let none = SoakScenario.failures(plan: plan, counts: SoakDisturbers.Counts(), accounting: accounting)
        XCTAssertTrue(none.contains { $0.contains("no worker") })
        XCTAssertTrue(none.contains { $0.contains("PostgreSQL never crashed") })
        XCTAssertTrue(none.contains { $0.contains("Redis was never killed") })
        XCTAssertTrue(
            SoakScenario.failures(plan: plan, counts: struck, accounting: accounting).contains { $0.contains("no add") }
        )
        accounting.acknowledged = 5
        accounting.completed = 5
        XCTAssertEqual(SoakScenario.failures(plan: plan, counts: struck, accounting: accounting), [])
        // A plan without a disturber does not ask for its strikes.
        let workersOnly = SoakPlan(duration: .seconds(60))
        XCTAssertEqual(workersOnly.workerKillEvery, SoakPlan.defaultWorkerKillEvery)
        XCTAssertEqual(
            SoakScenario.failures(plan: workersOnly, counts: .init(workerKills: 1), accounting: accounting), [])
        accounting.phantom = ["load-4"]
        XCTAssertTrue(
            SoakScenario.failures(plan: plan, counts: struck, accounting: accounting).contains {
                $0.contains("phantom")
            })
    }
}
