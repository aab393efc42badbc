import CommandLineArguments
import Monitoring

/// monitoring-api's command line: the mode flags, `--help`/`--version`, and every setting as
/// `--flag value` or `--flag=value` (the names of ``Setting/flagNames``; `--demo` is a bare flag).
///
/// Parsing only splits and checks names; values are parsed and validated by `MonitoringConfiguration.load`,
/// the one settings path, so every error message names the flag and its variable the same way.
struct CommandLineOptions: Equatable {
    /// How the process runs.
    enum Mode: Equatable {
        /// The HTTP API and the monitor, no job workers (`--no-workers`; needs no Postgres).
        case noWorkers
        /// The auto-posting workers with no API; `/livez` and `/metrics` on ``metricsPort`` when given.
        case workersOnly
        /// The HTTP API, the monitor, the posts API and the auto-posting workers (the default, or `--workers`).
        case withWorkers
    }

    /// Every setting flag that takes a value, and `--config`.
    static let valueFlags: Set<String> = Set(Setting.allCases.filter { !$0.isBooleanFlag }.flatMap(\.flagNames))
        .union([MonitoringConfiguration.configFileFlag])
    /// The settings that are bare flags (`--demo`); given, they pass `1` to the loader.
    static let settingFlags: Set<String> = Set(Setting.allCases.filter(\.isBooleanFlag).flatMap(\.flagNames))

    /// The mode; workers run by default.
    var mode: Mode = .withWorkers
    /// `--metrics-port p` (only with `--workers-only`): where `/livez` and `/metrics` are served; 0 picks one.
    var metricsPort: Int?
    /// `--help` was given.
    var help = false
    /// `--version` was given.
    var version = false
    /// Setting flags by name (without `--`), for `MonitoringConfiguration.load(flags:environment:)`.
    var settings: [String: String] = [:]

    /// The mode flags and the mode each selects (at most one may be given).
    static let modeFlags: [String: Mode] = [
        "no-workers": .noWorkers, "workers-only": .workersOnly, "workers": .withWorkers,
    ]

    /// Parses `arguments` (without the program name) with the shared splitter (docs/cli.md).
    /// - Throws: ``UsageError`` naming the unknown flag, the missing value, the stray operand or the clash.
    init(_ arguments: [String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: Self.valueFlags.union(["metrics-port"]),
            flagOptions: Set(Self.modeFlags.keys).union(["version"]).union(Self.settingFlags))
        if let operand = parsed.positionals.first {
            throw UsageError("unexpected argument '\(operand)': monitoring-api takes only --options")
        }
        help = parsed.help
        version = parsed.flag("version")
        let modes = Self.modeFlags.keys.sorted().filter(parsed.flag)
        guard modes.count <= 1 else {
            throw UsageError("give one mode, not \(modes.map { "--" + $0 }.joined(separator: " and "))")
        }
        mode = modes.first.flatMap { Self.modeFlags[$0] } ?? .withWorkers
        if let value = parsed.value("metrics-port") {
            guard let port = Int(value), (0...65_535).contains(port) else {
                throw UsageError("--metrics-port needs a port number 0...65535, not '\(value)'")
            }
            guard mode == .workersOnly else {
                throw UsageError("--metrics-port is only for --workers-only (the API serves /metrics on --port)")
            }
            metricsPort = port
        }
        for name in Self.valueFlags { if let value = parsed.value(name) { settings[name] = value } }
        for name in Self.settingFlags where parsed.flag(name) { settings[name] = "1" }
    }
}
