import AIModelCache
import Foundation
import XCTest

@testable import Monitoring

final class ConfigurationTests: XCTestCase {
    private func load(
        flags: [String: String] = [:], environment: [String: String] = [:], file: String? = nil
    ) throws -> MonitoringConfiguration {
        try loadConfiguration(flags: flags, environment: environment, file: file)
    }

    private func assertInvalid(
        flags: [String: String] = [:], environment: [String: String] = [:], file: String? = nil,
        mentions fragments: [String], line: UInt = #line
    ) {
        XCTAssertThrowsError(try load(flags: flags, environment: environment, file: file), line: line) { error in
            guard let error = error as? MonitoringError else {
                return XCTFail("not a MonitoringError: \(error)", line: line)
            }
            XCTAssertEqual(error.code, .invalidConfiguration, line: line)
            for fragment in fragments {
                XCTAssertTrue(
                    error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", line: line)
            }
        }
    }

    func testDefaultsAreDesignValues() throws {
        let configuration = try load()
        XCTAssertEqual(configuration.redisURL, "redis://127.0.0.1:6379")
        XCTAssertEqual(configuration.host, "127.0.0.1")
        XCTAssertEqual(configuration.port, 5000)
        XCTAssertEqual(configuration.queuePrefix, "bull")
        XCTAssertNil(configuration.queues)
        XCTAssertEqual(configuration.monitorInterval, .seconds(30))
        XCTAssertEqual(configuration.metricsRetention, 100)
        XCTAssertEqual(
            configuration.thresholds,
            AlertThresholds(
                maxWaitingJobs: 1000, maxFailedRate: 0.1, maxStalledJobs: 10, maxRedisLatency: .milliseconds(100),
                minFinishedForRate: 20, noWorkerAlert: .seconds(60)))
        XCTAssertEqual(
            configuration.cacheAlerts,
            CacheAlertSettings(
                utilizationRatio: 0.9, minHitRateRatio: 0.5, minLoads: 20, memoryAlertMB: 2048))
        XCTAssertNil(configuration.apiToken)
        XCTAssertEqual(configuration.logLevel, .info)
        XCTAssertEqual(configuration.alertProfile, .default)
        XCTAssertEqual(configuration.severity(of: .maxWaitingJobs), .warning)
        XCTAssertEqual(configuration.severity(of: .cacheMemory), .critical)
        XCTAssertEqual(configuration.severity(of: .cacheUtilization), .info)
    }

    func testEachLayerOverridesTheOnesBelowIt() throws {
        // (flag, environment, file, profile, expected maxStalledJobs)
        let cases: [(String?, String?, String?, String?, Int)] = [
            (nil, nil, nil, nil, 10),
            (nil, nil, nil, "production", 5),
            (nil, nil, "7", "production", 7),
            (nil, "8", "7", "production", 8),
            ("9", "8", "7", "production", 9),
            ("9", nil, nil, nil, 9),
            (nil, "8", nil, "production", 8),
        ]
        for (flag, environmentValue, fileValue, profile, expected) in cases {
            var flags: [String: String] = [:]
            var environment: [String: String] = [:]
            flags["max-stalled-jobs"] = flag
            environment["MAX_STALLED_JOBS"] = environmentValue
            environment["ALERT_PROFILE"] = profile
            let file = fileValue.map { #"{"maxStalledJobs": \#($0)}"# }
            let configuration = try load(flags: flags, environment: environment, file: file)
            XCTAssertEqual(
                configuration.thresholds.maxStalledJobs, expected,
                "flag \(flag ?? "-") env \(environmentValue ?? "-") file \(fileValue ?? "-") profile \(profile ?? "-")")
        }
    }

    func testProductionProfileIsTheSpecAlertingSetup() throws {
        let configuration = try load(environment: ["ALERT_PROFILE": "production"])
        XCTAssertEqual(configuration.alertProfile, .production)
        XCTAssertEqual(configuration.thresholds.maxStalledJobs, 5)
        XCTAssertEqual(configuration.thresholds.maxFailedRate, 0.05)
        XCTAssertEqual(configuration.thresholds.maxRedisLatency, .milliseconds(50))
        XCTAssertEqual(configuration.cacheAlerts.utilizationRatio, 0.8)
        XCTAssertEqual(configuration.cacheAlerts.memoryAlertMB, 1536)
        // Not part of the profile: kept at the default.
        XCTAssertEqual(configuration.thresholds.maxWaitingJobs, 1000)
    }

    func testProfileCanComeFromFlagOrFileAndFlagWins() throws {
        XCTAssertEqual(try load(flags: ["--alert-profile": "production"]).alertProfile, .production)
        XCTAssertEqual(try load(file: #"{"alertProfile": "production"}"#).alertProfile, .production)
        let both = try load(flags: ["alert-profile": "default"], environment: ["ALERT_PROFILE": "production"])
        XCTAssertEqual(both.alertProfile, .default)
        XCTAssertEqual(both.thresholds.maxStalledJobs, 10)
    }

    func testEverySettingIsReadFromItsVariableAndFlag() throws {
        let environment = [
            "REDIS_URL": "redis://10.0.0.1:6380/2", "HOST": "0.0.0.0", "PORT": "8080", "QUEUE_PREFIX": "{bull}",
            "QUEUES": "email, posts", "MONITOR_INTERVAL_MS": "1500", "METRICS_RETENTION": "20",
            "MAX_WAITING_JOBS": "50", "MAX_FAILED_RATE": "25%", "MAX_STALLED_JOBS": "3", "MAX_REDIS_LATENCY_MS": "75",
            "MIN_FINISHED_FOR_RATE": "5", "NO_WORKER_ALERT_MS": "2500", "AI_CACHE_UTILIZATION_ALERT": "0.7",
            "AI_CACHE_MIN_HIT_RATE": "0.4",
            "AI_CACHE_MIN_LOADS": "10", "AI_MEMORY_ALERT_MB": "512", "API_TOKEN": "s3cret", "LOG_LEVEL": "DEBUG",
        ]
        let fromEnvironment = try load(environment: environment)
        var flags: [String: String] = [:]
        for setting in Setting.allCases {
            if let value = environment[setting.environmentName] { flags[setting.flagNames[0]] = value }
        }
        let fromFlags = try load(flags: flags)
        for configuration in [fromEnvironment, fromFlags] {
            XCTAssertEqual(configuration.redisURL, "redis://10.0.0.1:6380/2")
            XCTAssertEqual(configuration.host, "0.0.0.0")
            XCTAssertEqual(configuration.port, 8080)
            XCTAssertEqual(configuration.queuePrefix, "{bull}")
            XCTAssertEqual(configuration.queues, ["email", "posts"])
            XCTAssertEqual(configuration.monitorInterval, .milliseconds(1500))
            XCTAssertEqual(configuration.metricsRetention, 20)
            XCTAssertEqual(configuration.thresholds.maxWaitingJobs, 50)
            XCTAssertEqual(configuration.thresholds.maxFailedRate, 0.25)
            XCTAssertEqual(configuration.thresholds.maxStalledJobs, 3)
            XCTAssertEqual(configuration.thresholds.maxRedisLatency, .milliseconds(75))
            XCTAssertEqual(configuration.thresholds.minFinishedForRate, 5)
            XCTAssertEqual(configuration.thresholds.noWorkerAlert, .milliseconds(2500))
            XCTAssertEqual(
                configuration.cacheAlerts,
                CacheAlertSettings(
                    utilizationRatio: 0.7, minHitRateRatio: 0.4, minLoads: 10, memoryAlertMB: 512))
            XCTAssertEqual(configuration.apiToken, "s3cret")
            XCTAssertEqual(configuration.logLevel, .debug)
        }
    }

    func testFlagAliasesAndDurationUnitsAreAccepted() throws {
        let configuration = try load(flags: [
            "redis": "redis://h:1", "prefix": "q", "monitor-interval": "10m", "max-redis-latency": "50ms",
            "no-worker-alert-ms": "2m",
        ])
        XCTAssertEqual(configuration.thresholds.noWorkerAlert, .seconds(120))
        XCTAssertEqual(configuration.redisURL, "redis://h:1")
        XCTAssertEqual(configuration.queuePrefix, "q")
        XCTAssertEqual(configuration.monitorInterval, .seconds(600))
        XCTAssertEqual(configuration.thresholds.maxRedisLatency, .milliseconds(50))
    }

    func testFileSetsSettingsArraysAndSeverities() throws {
        let file = #"""
            {"maxWaitingJobs": 10, "MAX_FAILED_RATE": "0.2", "queues": ["a", "b"], "monitorIntervalMs": "2s",
             "noWorkerAlertMs": 90000, "severities": {"maxStalledJobs": "critical", "noWorkers": "critical"}}
            """#
        let configuration = try load(flags: ["config": "/x.json"], file: file)
        XCTAssertEqual(configuration.configFile, "/x.json")
        XCTAssertEqual(configuration.thresholds.maxWaitingJobs, 10)
        XCTAssertEqual(configuration.thresholds.maxFailedRate, 0.2)
        XCTAssertEqual(configuration.queues, ["a", "b"])
        XCTAssertEqual(configuration.monitorInterval, .seconds(2))
        XCTAssertEqual(configuration.severity(of: .maxStalledJobs), .critical)
        XCTAssertEqual(configuration.thresholds.noWorkerAlert, .seconds(90))
        XCTAssertEqual(configuration.severity(of: .noWorkers), .critical)
        XCTAssertEqual(configuration.severity(of: .maxWaitingJobs), .warning)
    }

    func testEmptyEnvironmentValuesCountAsUnset() throws {
        let configuration = try load(environment: ["API_TOKEN": "", "PORT": "", "QUEUES": ""])
        XCTAssertNil(configuration.apiToken)
        XCTAssertEqual(configuration.port, 5000)
        XCTAssertNil(configuration.queues)
    }

    func testParseErrorsNameTheSourceAndTheValue() {
        let cases: [([String: String], [String: String], String?, [String])] = [
            ([:], ["PORT": "http"], nil, ["environment variable PORT", "\"http\"", "whole number"]),
            (["port": "x"], [:], nil, ["flag --port", "\"x\""]),
            ([:], ["MAX_WAITING_JOBS": "1k"], nil, ["MAX_WAITING_JOBS", "\"1k\""]),
            ([:], ["MAX_FAILED_RATE": "lots"], nil, ["MAX_FAILED_RATE", "\"lots\"", "ratio"]),
            ([:], ["MONITOR_INTERVAL_MS": "soon"], nil, ["MONITOR_INTERVAL_MS", "\"soon\"", "30s"]),
            ([:], ["MAX_REDIS_LATENCY_MS": "-1"], nil, ["MAX_REDIS_LATENCY_MS", "\"-1\""]),
            ([:], ["AI_MEMORY_ALERT_MB": "big"], nil, ["AI_MEMORY_ALERT_MB", "\"big\""]),
            ([:], ["LOG_LEVEL": "loud"], nil, ["LOG_LEVEL", "\"loud\"", "debug, info, warning, error"]),
            ([:], ["ALERT_PROFILE": "staging"], nil, ["ALERT_PROFILE", "\"staging\"", "production"]),
            ([:], [:], #"{"maxStalledJobs": "many"}"#, ["MONITORING_CONFIG file", "\"maxStalledJobs\"", "\"many\""]),
            ([:], [:], "{not json", ["not valid JSON", "/etc/monitoring.json"]),
            ([:], [:], "[1]", ["must hold a JSON object"]),
            ([:], [:], #"{"maxWaitJobs": 1}"#, ["unknown key \"maxWaitJobs\"", "maxWaitingJobs"]),
            ([:], [:], #"{"maxWaitingJobs": true}"#, ["\"maxWaitingJobs\"", "string or a number"]),
            ([:], [:], #"{"severities": {"maxWaiting": "critical"}}"#, ["unknown rule \"maxWaiting\""]),
            (
                [:], [:], #"{"severities": {"maxWaitingJobs": "fatal"}}"#,
                ["severities.maxWaitingJobs", "info, warning, critical"]
            ),
            ([:], [:], #"{"severities": []}"#, ["\"severities\" must be an object"]),
        ]
        for (flags, environment, file, fragments) in cases {
            assertInvalid(flags: flags, environment: environment, file: file, mentions: fragments)
        }
    }

    func testUnreadableFileNamesThePathTheVariableAndTheReason() {
        XCTAssertThrowsError(
            try MonitoringConfiguration.load(environment: ["MONITORING_CONFIG": "/nonexistent/m.json"])
        ) { error in
            let text = "\(error)"
            XCTAssertEqual((error as? MonitoringError)?.code, .invalidConfiguration, text)
            for fragment in ["/nonexistent/m.json", "MONITORING_CONFIG", "no such file"] {
                XCTAssertTrue(text.contains(fragment), "\(fragment) missing from: \(text)")
            }
            XCTAssertFalse(text.contains("NSCocoaErrorDomain"), text)
        }
    }

    func testValidationRejectsEveryImpossibleValue() {
        let cases: [([String: String], [String])] = [
            (["REDIS_URL": "http://x"], ["REDIS_URL (--redis-url)", "redis://", "\"http://x\""]),
            (["REDIS_URL": "rediss://x:1"], ["REDIS_URL", "TLS"]),
            (["HOST": "a b"], ["HOST (--host)", "\"a b\""]),
            (["PORT": "70000"], ["PORT (--port)", "70000"]),
            (["PORT": "-1"], ["PORT", "-1"]),
            (["QUEUE_PREFIX": "bu*ll"], ["QUEUE_PREFIX (--queue-prefix)", "\"bu*ll\""]),
            (["QUEUES": "a,,b"], ["QUEUES (--queues)", "\"a,,b\""]),
            (["MONITOR_INTERVAL_MS": "5"], ["MONITOR_INTERVAL_MS (--monitor-interval)", "5ms"]),
            (["MONITOR_INTERVAL_MS": "48h"], ["MONITOR_INTERVAL_MS", "48h"]),
            (["METRICS_RETENTION": "0"], ["METRICS_RETENTION (--metrics-retention)", "got 0"]),
            (["MAX_WAITING_JOBS": "-3"], ["MAX_WAITING_JOBS (--max-waiting-jobs)", "-3"]),
            (["MAX_FAILED_RATE": "1.5"], ["MAX_FAILED_RATE (--max-failed-rate)", "1.5"]),
            (["MAX_FAILED_RATE": "150%"], ["MAX_FAILED_RATE", "1.5"]),
            (["MAX_STALLED_JOBS": "-1"], ["MAX_STALLED_JOBS (--max-stalled-jobs)", "-1"]),
            (["MAX_REDIS_LATENCY_MS": "0"], ["MAX_REDIS_LATENCY_MS (--max-redis-latency)", "0ms"]),
            (["MAX_REDIS_LATENCY_MS": "2m"], ["MAX_REDIS_LATENCY_MS", "2m"]),
            (["MIN_FINISHED_FOR_RATE": "0"], ["MIN_FINISHED_FOR_RATE (--min-finished-for-rate)", "got 0"]),
            (["NO_WORKER_ALERT_MS": "0"], ["NO_WORKER_ALERT_MS (--no-worker-alert-ms)", "0ms"]),
            (["NO_WORKER_ALERT_MS": "48h"], ["NO_WORKER_ALERT_MS", "48h"]),
            (
                ["AI_CACHE_UTILIZATION_ALERT": "0"],
                ["AI_CACHE_UTILIZATION_ALERT (--ai-cache-utilization-alert)", "got 0"]
            ),
            (["AI_CACHE_MIN_HIT_RATE": "2"], ["AI_CACHE_MIN_HIT_RATE (--ai-cache-min-hit-rate)", "2"]),
            (["AI_CACHE_MIN_LOADS": "-1"], ["AI_CACHE_MIN_LOADS (--ai-cache-min-loads)", "-1"]),
            (["AI_MEMORY_ALERT_MB": "0"], ["AI_MEMORY_ALERT_MB (--ai-memory-alert-mb)", "got 0"]),
            (["API_TOKEN": "with space"], ["API_TOKEN (--api-token)", "10 characters"]),
        ]
        for (environment, fragments) in cases { assertInvalid(environment: environment, mentions: fragments) }
    }

    func testTokenValueNeverAppearsInErrors() {
        XCTAssertThrowsError(try load(environment: ["API_TOKEN": "top secret"])) { error in
            XCTAssertFalse("\(error)".contains("top secret"))
        }
    }

    func testEverySettingHasHelpWithItsDefaultAndDistinctNames() {
        for setting in Setting.allCases {
            XCTAssertFalse(setting.help.isEmpty, "\(setting)")
        }
        XCTAssertEqual(Set(Setting.allCases.map(\.environmentName)).count, Setting.allCases.count)
        XCTAssertEqual(Set(Setting.allCases.flatMap(\.flagNames)).count, Setting.allCases.flatMap(\.flagNames).count)
        XCTAssertEqual(Set(Setting.allCases.map(\.jsonKey)).count, Setting.allCases.count)
    }

    func testCacheRulesCarryThresholdsProfileAndSeverities() throws {
        let configuration = try load(
            environment: ["ALERT_PROFILE": "production"], file: #"{"severities": {"cacheMemory": "warning"}}"#)
        XCTAssertEqual(configuration.cacheAlerts.utilizationRatio, 0.8)
        XCTAssertEqual(configuration.cacheAlerts.memoryAlertMB, 1536)
        XCTAssertNoThrow(try configuration.validate())
        let evaluator = ThresholdEvaluator(configuration: configuration)
        let memory = evaluator.condition(for: ProcessMemory(heapUsedMB: 1, residentMB: 1537))
        XCTAssertEqual(memory.severity, .warning)
        XCTAssertEqual(memory.threshold, 1536)
        XCTAssertTrue(memory.crossed)
        let utilization = evaluator.conditions(
            for: CacheTelemetry.fixture(current: 81, max: 100, hits: 0, misses: 0, loads: 0))
        XCTAssertEqual(utilization.first?.severity, .info)
        XCTAssertEqual(utilization.first?.threshold, 80)
        XCTAssertEqual(utilization.first?.crossed, true)
    }
}
