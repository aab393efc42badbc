import Monitoring
import XCTest

@testable import monitoring_api

final class CommandLineOptionsTests: XCTestCase {
    func testSettingFlagsReachTheMonitoringConfigurationAboveTheEnvironment() throws {
        let options = try CommandLineOptions(["--port", "0", "--max-waiting-jobs=5", "--redis", "redis://127.0.0.1:1"])
        let configuration = try MonitoringConfiguration.load(
            flags: options.settings, environment: ["PORT": "7000", "MAX_WAITING_JOBS": "9", "MAX_STALLED_JOBS": "3"])
        XCTAssertEqual(configuration.port, 0)
        XCTAssertEqual(configuration.thresholds.maxWaitingJobs, 5)
        XCTAssertEqual(configuration.thresholds.maxStalledJobs, 3)
        XCTAssertEqual(configuration.redisURL, "redis://127.0.0.1:1")
    }

    func testModesHelpAndVersionAreFlags() throws {
        XCTAssertEqual(try CommandLineOptions([]).mode, .withWorkers)
        XCTAssertEqual(try CommandLineOptions(["--no-workers"]).mode, .noWorkers)
        XCTAssertEqual(try CommandLineOptions(["--workers-only"]).mode, .workersOnly)
        XCTAssertEqual(try CommandLineOptions(["--workers-only", "--metrics-port", "9100"]).metricsPort, 9100)
        XCTAssertEqual(try CommandLineOptions(["--metrics-port=0", "--workers-only"]).metricsPort, 0)
        XCTAssertNil(try CommandLineOptions(["--workers-only"]).metricsPort)
        XCTAssertTrue(try CommandLineOptions(["--help"]).help)
        XCTAssertTrue(try CommandLineOptions(["--version"]).version)
    }

    func testCacheWorkerAndDemoFlagsOverrideTheirEnvironmentVariables() throws {
        let options = try CommandLineOptions([
            "--max-social-models", "7", "--model-idle-timeout-ms", "30m", "--database=postgres://flag/x", "--demo",
        ])
        let configuration = try MonitoringConfiguration.load(
            flags: options.settings,
            environment: [
                "MAX_SOCIAL_MODELS": "3", "MAX_ADVERTISING_MODELS": "4", "MODEL_IDLE_TIMEOUT_MS": "1000",
                "DATABASE_URL": "postgres://env/x", "DEMO": "0",
            ])
        XCTAssertEqual(configuration.models.maxSocialModels, 7)
        XCTAssertEqual(configuration.models.maxAdvertisingModels, 4)
        XCTAssertEqual(configuration.models.idleTimeout, .seconds(1800))
        XCTAssertEqual(configuration.workers.databaseURL, "postgres://flag/x")
        XCTAssertTrue(configuration.workers.demo)
        XCTAssertThrowsError(try CommandLineOptions(["--demo=1"])) { error in
            XCTAssertTrue("\(error)".contains("--demo takes no value"), "\(error)")
        }
    }

    func testUnknownOptionsMissingValuesAndOperandsAreRefusedByName() {
        let cases: [([String], String)] = [
            (["--prot", "1"], "unknown option --prot"), (["--port"], "--port needs a value"),
            (["serve"], "unexpected argument 'serve'"), (["--no-workers=yes"], "--no-workers takes no value"),
            (["--metrics-port", "9100"], "--metrics-port is only for --workers-only"),
            (["--workers-only", "--metrics-port", "http"], "--metrics-port needs a port number"),
            (["--workers-only", "--metrics-port"], "--metrics-port needs a value"),
            (["--no-workers", "--workers-only"], "give one mode, not --no-workers and --workers-only"),
        ]
        for (arguments, expected) in cases {
            XCTAssertThrowsError(try CommandLineOptions(arguments), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
    }

    func testHelpListsEveryEnvironmentVariable() {
        for setting in Setting.allCases {
            XCTAssertTrue(HelpText.text.contains(setting.environmentName), setting.environmentName)
            XCTAssertTrue(HelpText.text.contains("--" + setting.flagNames[0]), setting.flagNames[0])
        }
        XCTAssertTrue(HelpText.text.contains("MONITORING_CONFIG"))
    }
}
