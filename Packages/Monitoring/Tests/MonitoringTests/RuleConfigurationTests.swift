import Foundation
import XCTest

@testable import Monitoring

/// `rules.<rule>` and `queues.<name>.rules.<rule>` in `MONITORING_CONFIG`, the production profile's rule timings,
/// and the validation errors that name the key.
final class RuleConfigurationTests: XCTestCase {
    private func assertInvalid(
        environment: [String: String] = [:], file: String, mentions fragments: [String], line: UInt = #line
    ) {
        XCTAssertThrowsError(try loadConfiguration(environment: environment, file: file), line: line) { error in
            let message = (error as? MonitoringError)?.message ?? "\(error)"
            XCTAssertEqual((error as? MonitoringError)?.code, .invalidConfiguration, line: line)
            for fragment in fragments {
                XCTAssertTrue(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"", line: line)
            }
        }
    }

    func testRulesSetThresholdResolveTimingAndSeverityWithAPerQueueOverride() throws {
        let file = #"""
            {"rules": {"waitingJobs": {"threshold": 500, "resolve": 400, "for": "2m", "cooldown": "10m",
                                       "repeat": "1h", "severity": "critical"},
                       "redisLatency": {"threshold": "80ms", "resolve": "60ms"},
                       "cacheHitRate": {"threshold": "40%", "resolve": 0.55},
                       "noWorkers": {"for": "5m"}},
             "queues": {"social-posts": {"rules": {"waitingJobs": {"threshold": 50, "resolve": 30, "for": "30s"}}}}}
            """#
        let configuration = try loadConfiguration(file: file)
        XCTAssertEqual(configuration.thresholds.maxWaitingJobs, 500, "rules.<rule>.threshold is the threshold setting")
        XCTAssertEqual(configuration.thresholds.maxRedisLatency, .milliseconds(80))
        XCTAssertEqual(configuration.cacheAlerts.minHitRateRatio, 0.4)
        XCTAssertEqual(configuration.thresholds.noWorkerAlert, .seconds(300), "noWorkers.for is NO_WORKER_ALERT_MS")
        XCTAssertEqual(configuration.severity(of: .maxWaitingJobs), .critical)

        let email = configuration.ruleSettings(.maxWaitingJobs, subject: "email")
        XCTAssertEqual(email.threshold, 500)
        XCTAssertEqual(email.resolve, 400)
        XCTAssertEqual(email.timing, AlertTiming(forMs: 120_000, cooldownMs: 600_000, repeatMs: 3_600_000))
        let social = configuration.ruleSettings(.maxWaitingJobs, subject: "social-posts")
        XCTAssertEqual(social.threshold, 50)
        XCTAssertEqual(social.resolve, 30)
        XCTAssertEqual(social.timing, AlertTiming(forMs: 30_000, cooldownMs: 600_000, repeatMs: 3_600_000))
        XCTAssertEqual(social.severity, .critical)
        XCTAssertEqual(configuration.ruleSettings(.maxRedisLatency, subject: "redis").resolve, 60)
        XCTAssertEqual(configuration.ruleSettings(.cacheHitRate, subject: "social").resolve, 55, "percent")
        XCTAssertEqual(configuration.ruleSettings(.noWorkers, subject: "email").timing.forMs, 300_000)
    }

    func testTheEvaluatorUsesThePerQueueThresholdAndTheResolveBand() {
        let configuration = MonitoringConfiguration(
            rules: [.maxWaitingJobs: AlertRuleSettings(resolve: 800)],
            queueRules: ["social-posts": [.maxWaitingJobs: AlertRuleSettings(threshold: 50, resolve: 40)]])
        let evaluator = ThresholdEvaluator(configuration: configuration)
        func waiting(_ queue: String, _ count: Int) -> AlertCondition {
            var sample = Fixtures.sample(at: 0, counts: JobCounts(waiting: count))
            sample.queue = queue
            return evaluator.conditions(for: sample)[0]
        }
        XCTAssertEqual(waiting("social-posts", 51).crossed, true)
        XCTAssertEqual(waiting("social-posts", 45).clear, false, "inside the band")
        XCTAssertEqual(waiting("social-posts", 40).clear, true)
        XCTAssertEqual(waiting("email", 51).crossed, false)
        XCTAssertEqual(waiting("email", 900).clear, false)
        XCTAssertEqual(waiting("email", 1001).threshold, 1000)
    }

    func testEnvironmentBeatsTheFilesRuleThresholdAndAQueueOverrideBeatsBoth() throws {
        let file =
            #"{"rules": {"stalledJobs": {"threshold": 3}}, "queues": {"q": {"rules": {"stalledJobs": {"threshold": 1}}}}}"#
        let configuration = try loadConfiguration(environment: ["MAX_STALLED_JOBS": "7"], file: file)
        XCTAssertEqual(configuration.thresholds.maxStalledJobs, 7)
        XCTAssertEqual(configuration.ruleSettings(.maxStalledJobs, subject: "q").threshold, 1)
        XCTAssertEqual(configuration.ruleSettings(.maxStalledJobs, subject: "other").threshold, 7)
    }

    func testQueuesAsAListStillWorksAndTheVariableNameListsThemBesideOverrides() throws {
        XCTAssertEqual(try loadConfiguration(file: #"{"queues": ["a", "b"]}"#).queues, ["a", "b"])
        let both = try loadConfiguration(
            file: #"{"QUEUES": ["a"], "queues": {"a": {"rules": {"failedRate": {"threshold": "2%"}}}}}"#)
        XCTAssertEqual(both.queues, ["a"])
        XCTAssertEqual(both.ruleSettings(.maxFailedRate, subject: "a").threshold, 0.02)
    }

    func testTheProductionProfileCarriesResolveAndForUnderExplicitSettings() throws {
        let production = try loadConfiguration(environment: ["ALERT_PROFILE": "production"])
        let stalled = production.ruleSettings(.maxStalledJobs, subject: "q")
        XCTAssertEqual(stalled.threshold, 5)
        XCTAssertEqual(stalled.resolve, 2)
        XCTAssertEqual(stalled.timing.forMs, 60_000)
        XCTAssertEqual(production.ruleSettings(.maxRedisLatency, subject: "redis").resolve, 35)
        XCTAssertEqual(production.ruleSettings(.cacheMemory, subject: "process").timing.repeatMs, 3_600_000)
        XCTAssertEqual(production.ruleSettings(.cacheUtilization, subject: "social").threshold, 80)

        let file = #"{"alertProfile": "production", "rules": {"stalledJobs": {"for": "0s"}}}"#
        let overridden = try loadConfiguration(environment: ["MAX_FAILED_RATE": "0.01"], file: file)
        XCTAssertEqual(overridden.ruleSettings(.maxStalledJobs, subject: "q").timing.forMs, 0, "file over profile")
        XCTAssertEqual(overridden.ruleSettings(.maxStalledJobs, subject: "q").resolve, 2, "the rest of the profile")
        XCTAssertEqual(
            overridden.ruleSettings(.maxFailedRate, subject: "q").resolve, nil,
            "a profile resolve above an explicit lower threshold falls back to the threshold")
        XCTAssertNoThrow(try overridden.validate())
        XCTAssertEqual(try loadConfiguration().rules, [:], "the default profile: today's behaviour")
    }

    func testRuleErrorsNameTheKey() {
        let cases: [(String, [String])] = [
            (
                #"{"rules": {"waitingJobs": {"resolve": 1200}}}"#,
                ["rules.waitingJobs.resolve must not be above rules.waitingJobs.threshold for an upper-bound rule"]
            ),
            (
                #"{"rules": {"cacheHitRate": {"resolve": "40%"}}}"#,
                ["rules.cacheHitRate.resolve must not be below", "lower-bound"]
            ),
            (
                #"{"queues": {"social-posts": {"rules": {"waitingJobs": {"threshold": 50, "resolve": 60}}}}}"#,
                ["queues.social-posts.rules.waitingJobs.resolve must not be above"]
            ),
            (#"{"rules": {"waitingJobs": {"for": "soon"}}}"#, ["rules.waitingJobs.for", "\"soon\"", "30s"]),
            (#"{"rules": {"stalledJobs": {"cooldown": "48h"}}}"#, ["rules.stalledJobs.cooldown", "24h"]),
            (#"{"rules": {"stalledJobs": {"repeat": "0s"}}}"#, ["rules.stalledJobs.repeat", "1s"]),
            (#"{"rules": {"failedRate": {"resolve": "lots"}}}"#, ["rules.failedRate.resolve", "5%", "\"lots\""]),
            (#"{"rules": {"waitingJobs": {"severity": "fatal"}}}"#, ["rules.waitingJobs.severity", "critical"]),
            (#"{"rules": {"waitingJobs": {"treshold": 1}}}"#, ["rules.waitingJobs", "unknown key \"treshold\""]),
            (#"{"rules": {"waiting": {}}}"#, ["rules", "unknown rule \"waiting\"", "waitingJobs"]),
            (#"{"rules": {"noWorkers": {"threshold": 1}}}"#, ["rules.noWorkers", "no threshold"]),
            (#"{"rules": []}"#, ["rules must be an object"]),
            (#"{"maxWaitingJobs": 5, "rules": {"waitingJobs": {"threshold": 6}}}"#, ["twice", "keep one"]),
            (
                #"{"queues": {"q": {"rules": {"redisLatency": {"threshold": 5}}}}}"#,
                ["queues.q.rules.redisLatency", "not a queue rule"]
            ),
            (#"{"queues": {"q": {"rule": {}}}}"#, ["queues.q", "unknown key \"rule\""]),
            (
                #"{"queues": {"q": {"rules": {"waitingJobs": {"threshold": -1}}}}}"#,
                ["queues.q.rules.waitingJobs.threshold", "≥ 0"]
            ),
        ]
        for (file, fragments) in cases { assertInvalid(file: file, mentions: fragments) }
        assertInvalid(
            environment: ["MAX_WAITING_JOBS": "100"], file: #"{"rules": {"waitingJobs": {"resolve": 200}}}"#,
            mentions: ["rules.waitingJobs.resolve must not be above"])
    }
}
