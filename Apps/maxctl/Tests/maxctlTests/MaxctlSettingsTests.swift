import CommandLineArguments
import XCTest

@testable import maxctl

/// maxctl's one settings resolver, with injected arguments and environment (never the process's).
final class MaxctlSettingsTests: XCTestCase {
    private func settings(_ arguments: [String], _ environment: [String: String]) throws -> MaxctlSettings {
        let parsed = try ParsedArguments(
            arguments, valueOptions: ["redis", "database", "prefix", "api", "token"], flagOptions: [])
        return MaxctlSettings(parsed, environment: environment)
    }

    func testTheFlagBeatsTheVariableWhichBeatsTheDefault() throws {
        let environment = ["REDIS_URL": "redis://env:1", "DATABASE_URL": "postgres://env/x", "QUEUE_PREFIX": ""]
        let fromFlags = try settings(["--redis", "redis://flag:1", "--database=postgres://flag/x"], environment)
        XCTAssertEqual(fromFlags.string(.redis), "redis://flag:1")
        XCTAssertEqual(fromFlags.string(.database), "postgres://flag/x")
        let fromEnvironment = try settings([], environment)
        XCTAssertEqual(fromEnvironment.string(.redis), "redis://env:1")
        XCTAssertEqual(fromEnvironment.string(.database), "postgres://env/x")
        XCTAssertEqual(fromEnvironment.string(.prefix), "bull", "an empty variable counts as unset")
        let defaults = try settings([], [:])
        for setting in MaxctlSettings.Setting.allCases {
            XCTAssertEqual(defaults.value(setting), setting.defaultValue, "\(setting)")
        }
        XCTAssertEqual(defaults.string(.api), "http://127.0.0.1:5000")
        XCTAssertNil(defaults.value(.token))
    }

    func testTheChaosSettingsComeFromTheirOwnVariables() throws {
        let environment = [
            "DATABASE_URL": "postgres://app/x", "CHAOS_DATABASE_URL": "postgres://chaos/x", "MAXCTL": "/m",
            "MONITORING_API": "/api",
        ]
        let chaos = MaxctlSettings(nil, environment: environment)
        XCTAssertEqual(chaos.value(.chaosDatabase), "postgres://chaos/x")
        XCTAssertEqual(chaos.value(.chaosMaxctl), "/m")
        XCTAssertEqual(chaos.value(.chaosMonitoringAPI), "/api")
        XCTAssertNil(MaxctlSettings(nil, environment: [:]).value(.chaosDatabase))
    }

    func testEveryCommandReadsTheSameVariables() throws {
        let environment = ["REDIS_URL": "redis://env:7", "DATABASE_URL": "postgres://env/db"]
        let doctor = try DoctorCommand(arguments: [], environment: environment)
        XCTAssertEqual(doctor.redisURL, "redis://env:7")
        XCTAssertEqual(doctor.databaseURL, "postgres://env/db")
        let parsed = try ParsedArguments(
            [], valueOptions: CommonOptions.valueOptions, flagOptions: CommonOptions.flagOptions)
        XCTAssertEqual(try CommonOptions(parsed, environment: environment).redisURL, "redis://env:7")
    }
}
