import CommandLineArguments
import Monitoring

/// monitoring-api's command line: the mode flags, `--help`/`--version`, and every monitoring setting
/// as `--flag value` or `--flag=value` (the names of ``Setting/flagNames`` and the cache sizes).
///
/// Parsing only splits and checks names; values are parsed and validated by
/// `MonitoringConfiguration.load` and `ModelCacheManager.Configuration(environment:)`, so every
/// error message names the flag and its variable the same way.
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

    /// Flags for settings read from the environment: flag → variable. The cache sizes (AIModelCache) and
    /// the webhook publisher's URL (`WebhookPublisher`).
    static let cacheFlags: [String: String] = [
        "max-social-models": "MAX_SOCIAL_MODELS", "max-advertising-models": "MAX_ADVERTISING_MODELS",
        "model-idle-timeout-ms": "MODEL_IDLE_TIMEOUT_MS", "publish-webhook": WebhookPublisher.environmentVariable,
    ]

    /// Every flag that takes a value: the monitoring settings, `--config`, and the cache sizes.
    static let valueFlags: Set<String> = Set(Setting.allCases.flatMap(\.flagNames))
        .union([MonitoringConfiguration.configFileFlag]).union(cacheFlags.keys)

    /// The mode; workers run by default.
    var mode: Mode = .withWorkers
    /// `--metrics-port p` (only with `--workers-only`): where `/livez` and `/metrics` are served; 0 picks one.
    var metricsPort: Int?
    /// `--help` was given.
    var help = false
    /// `--version` was given.
    var version = false
    /// Monitoring flags by name (without `--`), for `MonitoringConfiguration.load(flags:environment:)`.
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
            flagOptions: Set(Self.modeFlags.keys).union(["version"]))
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
    }

    /// The environment AIModelCache and the webhook publisher read, with those flags laid over `environment`.
    func cacheEnvironment(_ environment: [String: String]) -> [String: String] {
        var merged = environment
        for (flag, variable) in Self.cacheFlags { if let value = settings[flag] { merged[variable] = value } }
        return merged
    }
}
