import AIModelCache
import Foundation
import XCTest

@testable import Monitoring

/// The settings the server hands on to other packages: the model caches', the workers' and the demo switch,
/// read by the same loader as the monitor's (injected flags, environment and file; nothing from the process).
final class ServerSettingsTests: XCTestCase {
    func testTheDefaultsAreTheDocumentedValues() throws {
        let configuration = try loadConfiguration()
        XCTAssertEqual(
            configuration.models,
            ModelCacheSettings(maxSocialModels: 100, maxAdvertisingModels: 50, idleTimeout: .milliseconds(1_800_000)))
        XCTAssertEqual(configuration.workers.databaseURL, "postgres://127.0.0.1:5432/maxbooster")
        XCTAssertNil(configuration.workers.publishWebhookURL)
        XCTAssertFalse(configuration.workers.demo)
        XCTAssertEqual(configuration.alertHistory, AlertHistorySettings(retentionDays: 30, databaseURL: nil))
        XCTAssertEqual(configuration.audit, AuditSettings(retentionDays: 90, databaseURL: nil))
        XCTAssertNil(configuration.apiReadToken)
        let caches: ModelCacheManager<TestModel, TestModel>.Configuration = configuration.models.cacheConfiguration()
        XCTAssertEqual(caches, ModelCacheManager<TestModel, TestModel>.Configuration())
    }

    func testEachNewSettingIsAFlagAVariableAndAFileKey() throws {
        let values: [Setting: String] = [
            .maxSocialModels: "7", .maxAdvertisingModels: " 3 ", .modelIdleTimeout: "1500",
            .databaseURL: "postgres://db:5433/x", .publishWebhookURL: "http://hook:9/p", .demo: "1",
            .alertHistoryDays: "7", .auditRetentionDays: "12", .apiToken: "admin-1", .apiReadToken: "read-1",
        ]
        var environment: [String: String] = [:]
        var flags: [String: String] = [:]
        var fileObject: [String: String] = [:]
        for (setting, value) in values {
            environment[setting.environmentName] = value
            flags[setting.flagNames[0]] = value
            fileObject[setting.jsonKey] = value
        }
        let file = String(decoding: try JSONSerialization.data(withJSONObject: fileObject), as: UTF8.self)
        for configuration in [
            try loadConfiguration(environment: environment), try loadConfiguration(flags: flags),
            try loadConfiguration(file: file),
        ] {
            XCTAssertEqual(configuration.models.maxSocialModels, 7)
            XCTAssertEqual(configuration.models.maxAdvertisingModels, 3)
            XCTAssertEqual(configuration.models.idleTimeout, .milliseconds(1500))
            XCTAssertEqual(configuration.workers.databaseURL, "postgres://db:5433/x")
            XCTAssertEqual(configuration.workers.publishWebhookURL, "http://hook:9/p")
            XCTAssertTrue(configuration.workers.demo)
            XCTAssertEqual(
                configuration.alertHistory, AlertHistorySettings(retentionDays: 7, databaseURL: "postgres://db:5433/x"))
            XCTAssertEqual(configuration.audit, AuditSettings(retentionDays: 12, databaseURL: "postgres://db:5433/x"))
            XCTAssertEqual(configuration.apiToken, "admin-1")
            XCTAssertEqual(configuration.apiReadToken, "read-1")
        }
    }

    func testTheIdleTimeoutTakesTheOneDurationSyntaxUnderEveryName() throws {
        XCTAssertEqual(
            try loadConfiguration(flags: ["model-idle-timeout-ms": "30m"]).models.idleTimeout, .seconds(1800))
        XCTAssertEqual(try loadConfiguration(flags: ["model-idle-timeout": "90s"]).models.idleTimeout, .seconds(90))
        XCTAssertEqual(
            try loadConfiguration(environment: ["MODEL_IDLE_TIMEOUT_MS": "2500"]).models.idleTimeout,
            .milliseconds(2500))
        XCTAssertEqual(try loadConfiguration(file: #"{"modelIdleTimeoutMs": 60000}"#).models.idleTimeout, .seconds(60))
        XCTAssertEqual(try loadConfiguration(file: #"{"modelIdleTimeoutMs": "10m"}"#).models.idleTimeout, .seconds(600))
    }

    func testTheFlagBeatsTheVariableWhichBeatsTheFile() throws {
        let file = #"{"maxSocialModels": 5, "databaseUrl": "postgres://file/x", "demo": true}"#
        let fromFile = try loadConfiguration(file: file)
        XCTAssertEqual(fromFile.models.maxSocialModels, 5)
        XCTAssertEqual(fromFile.workers.databaseURL, "postgres://file/x")
        XCTAssertTrue(fromFile.workers.demo)
        let environment = ["MAX_SOCIAL_MODELS": "6", "DATABASE_URL": "postgres://env/x", "DEMO": "0"]
        let fromEnvironment = try loadConfiguration(environment: environment, file: file)
        XCTAssertEqual(fromEnvironment.models.maxSocialModels, 6)
        XCTAssertEqual(fromEnvironment.workers.databaseURL, "postgres://env/x")
        XCTAssertFalse(fromEnvironment.workers.demo)
        let fromFlag = try loadConfiguration(
            flags: ["max-social-models": "8", "database": "postgres://flag/x", "demo": "1"], environment: environment,
            file: file)
        XCTAssertEqual(fromFlag.models.maxSocialModels, 8)
        XCTAssertEqual(fromFlag.workers.databaseURL, "postgres://flag/x")
        XCTAssertTrue(fromFlag.workers.demo)
    }

    func testTheAliasFlagsAreAccepted() throws {
        let configuration = try loadConfiguration(flags: [
            "database-url": "postgres://a/b", "publish-webhook-url": "http://h:1/",
        ])
        XCTAssertEqual(configuration.workers.databaseURL, "postgres://a/b")
        XCTAssertEqual(configuration.workers.publishWebhookURL, "http://h:1/")
    }

    func testBadValuesNameTheVariableOrFlagAndTheValue() {
        let cases: [([String: String], [String: String], [String])] = [
            ([:], ["MAX_SOCIAL_MODELS": "ten"], ["environment variable MAX_SOCIAL_MODELS", "\"ten\""]),
            ([:], ["MAX_SOCIAL_MODELS": "0"], ["MAX_SOCIAL_MODELS (--max-social-models)", "got 0"]),
            ([:], ["MAX_ADVERTISING_MODELS": "-1"], ["MAX_ADVERTISING_MODELS (--max-advertising-models)", "-1"]),
            ([:], ["MAX_ADVERTISING_MODELS": "16777217"], ["MAX_ADVERTISING_MODELS", "16777217"]),
            ([:], ["MODEL_IDLE_TIMEOUT_MS": "0"], ["MODEL_IDLE_TIMEOUT_MS (--model-idle-timeout)", "0ms"]),
            ([:], ["MODEL_IDLE_TIMEOUT_MS": "soon"], ["environment variable MODEL_IDLE_TIMEOUT_MS", "\"soon\""]),
            (["model-idle-timeout-ms": "-5s"], [:], ["flag --model-idle-timeout-ms", "\"-5s\""]),
            ([:], ["DEMO": "yes"], ["environment variable DEMO", "\"yes\"", "1 or true"]),
            ([:], ["ALERT_HISTORY_DAYS": "0"], ["ALERT_HISTORY_DAYS (--alert-history-days)", "got 0"]),
            ([:], ["ALERT_HISTORY_DAYS": "3651"], ["ALERT_HISTORY_DAYS", "1...3650", "got 3651"]),
            (["alert-history-days": "2w"], [:], ["flag --alert-history-days", "\"2w\"", "whole number"]),
            ([:], ["AUDIT_RETENTION_DAYS": "0"], ["AUDIT_RETENTION_DAYS (--audit-retention-days)", "got 0"]),
            ([:], ["API_READ_TOKEN": "r"], ["API_READ_TOKEN (--api-read-token) needs API_TOKEN"]),
            ([:], ["API_READ_TOKEN": "same", "API_TOKEN": "same"], ["API_READ_TOKEN must differ from API_TOKEN"]),
            ([:], ["API_READ_TOKEN": "has space", "API_TOKEN": "a"], ["API_READ_TOKEN", "a token of 9 characters"]),
        ]
        for (flags, environment, fragments) in cases {
            XCTAssertThrowsError(
                try loadConfiguration(flags: flags, environment: environment), "\(flags) \(environment)"
            ) {
                error in
                let message = (error as? MonitoringError)?.message ?? "\(error)"
                XCTAssertEqual((error as? MonitoringError)?.code, .invalidConfiguration)
                for fragment in fragments {
                    XCTAssertTrue(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"")
                }
            }
        }
    }
}

private struct TestModel: CacheableModel {
    var estimatedBytes: Int { 1 }
}
