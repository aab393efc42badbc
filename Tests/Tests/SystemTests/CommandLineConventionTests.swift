import Foundation
import PrivateServices
import XCTest

/// docs/cli.md, checked once against every binary in `bin/`: an unknown flag exits 3 naming it, `--flag=value`
/// means what `--flag value` means, a bad duration exits 3 naming its flag, `--help` exits 0. No service is
/// needed: the values point at 127.0.0.1:1, where nothing listens, so every run ends quickly.
final class CommandLineConventionTests: XCTestCase {
    /// One command of one binary and the arguments that exercise the convention.
    private struct Command {
        /// The binary in `bin/`.
        var binary: String
        /// The words before the options (`["queue", "add", "emails"]`).
        var command: [String]
        /// Valid options in the space form (`--name value`), the values the command must read.
        var valid: [String]
        /// Text the run prints only when it read the values of `valid` (the address it could not reach).
        var readMarker: String
        /// A duration flag of the command (without `--`), and the options it needs besides.
        var durationFlag: String
        var required: [String] = []

        var name: String { ([binary] + command).joined(separator: " ") }
    }

    private static let unreachableRedis = "redis://127.0.0.1:1"
    private static let unreachableAPI = "http://127.0.0.1:1"

    private let commands: [Command] = [
        Command(
            binary: "maxctl", command: ["health"], valid: ["--api", unreachableAPI, "--timeout", "2s"],
            readMarker: "127.0.0.1:1", durationFlag: "timeout"),
        Command(
            binary: "maxctl", command: ["queues"], valid: ["--redis", unreachableRedis, "--timeout", "2s"],
            readMarker: "127.0.0.1:1", durationFlag: "window"),
        Command(
            binary: "maxctl", command: ["queue", "add", "emails"],
            valid: ["--name", "send", "--redis", unreachableRedis, "--delay", "5s", "--timeout", "2s"],
            readMarker: "127.0.0.1:1", durationFlag: "delay", required: ["--name", "send"]),
        Command(
            binary: "maxctl", command: ["doctor"],
            valid: ["--redis", unreachableRedis, "--database", "postgres://127.0.0.1:1/x", "--timeout", "2s"],
            readMarker: "127.0.0.1:1", durationFlag: "timeout"),
        Command(
            binary: "maxctl", command: ["baseline", "capture"],
            valid: ["--api", unreachableAPI, "--redis", unreachableRedis, "--timeout", "2s", "--duration", "1s"],
            readMarker: "127.0.0.1:1", durationFlag: "duration"),
        Command(
            binary: "maxctl", command: ["worker", "emails"], valid: ["--processor", "explode"],
            readMarker: "explode", durationFlag: "drain-delay", required: ["--processor", "noop"]),
        Command(
            binary: "maxctl", command: ["chaos", "run"], valid: ["--scenario", "no-such-scenario"],
            readMarker: "unknown scenario no-such-scenario", durationFlag: "soak"),
        Command(
            binary: "monitoring-api", command: [], valid: ["--max-failed-rate", "lots", "--redis", unreachableRedis],
            readMarker: "--max-failed-rate", durationFlag: "monitor-interval"),
    ]

    private func run(_ command: Command, _ options: [String]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary(command.binary), command.command + options,
            removing: [
                "REDIS_URL", "DATABASE_URL", "CHAOS_DATABASE_URL", "MAXCTL_API", "MAXCTL_TOKEN", "QUEUE_PREFIX",
                "PORT", "API_TOKEN", "MONITORING_CONFIG", "ALERT_PROFILE", "QUEUES",
            ],
            timeout: .seconds(30))
    }

    func testAnUnknownFlagExitsThreeNamingIt() throws {
        for command in commands {
            for flag in ["--no-such-flag", "--no-such-flag=1"] {
                let result = try run(command, command.required + [flag])
                XCTAssertEqual(result.status, 3, "\(command.name) \(flag): \(result.stderr)")
                XCTAssertTrue(
                    result.stderr.contains("unknown option --no-such-flag"), "\(command.name): \(result.stderr)")
                XCTAssertEqual(result.stdout, "", command.name)
            }
        }
    }

    func testTheEqualsFormMeansTheSameAsTheSpaceForm() throws {
        for command in commands {
            var joined: [String] = []
            var index = 0
            while index < command.valid.count {
                joined.append(command.valid[index] + "=" + command.valid[index + 1])
                index += 2
            }
            let spaced = try run(command, command.valid)
            let equals = try run(command, joined)
            XCTAssertTrue((spaced.stdout + spaced.stderr).contains(command.readMarker), "\(command.name): \(spaced)")
            XCTAssertEqual(spaced.status, equals.status, "\(command.name): \(spaced) vs \(equals)")
            XCTAssertEqual(
                Self.withoutTimes(spaced.stdout), Self.withoutTimes(equals.stdout), "\(command.name) stdout")
            XCTAssertEqual(
                Self.withoutTimes(spaced.stderr), Self.withoutTimes(equals.stderr), "\(command.name) stderr")
        }
    }

    func testABadDurationExitsThreeNamingTheFlag() throws {
        for command in commands {
            for options in [["--\(command.durationFlag)", "soon"], ["--\(command.durationFlag)=soon"]] {
                let result = try run(command, command.required + options)
                XCTAssertEqual(result.status, 3, "\(command.name) \(options): \(result.stderr)")
                XCTAssertTrue(
                    result.stderr.contains("--\(command.durationFlag)"), "\(command.name) \(options): \(result.stderr)")
            }
        }
    }

    func testHelpExitsZeroWithTheUsageOnStdout() throws {
        for command in commands {
            let result = try run(command, ["--help"])
            XCTAssertEqual(result.status, 0, "\(command.name): \(result.stderr)")
            XCTAssertTrue(result.stdout.uppercased().contains("USAGE"), "\(command.name): \(result.stdout)")
        }
    }

    /// `text` with digits replaced, so two runs that differ only in a timestamp or a latency compare equal.
    private static func withoutTimes(_ text: String) -> String {
        String(text.map { $0.isNumber ? "0" : $0 })
    }
}
