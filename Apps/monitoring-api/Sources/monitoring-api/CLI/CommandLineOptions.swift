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

    /// Parses `arguments` (without the program name).
    /// - Throws: ``UsageError`` naming the unknown flag, the missing value or the stray operand.
    init(_ arguments: [String]) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                throw UsageError("unexpected argument '\(argument)': monitoring-api takes only --options")
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            switch name {
            case "help": help = true
            case "version": version = true
            case "no-workers": mode = .noWorkers
            case "workers-only": mode = .workersOnly
            case "workers": mode = .withWorkers
            case "metrics-port":
                if value == nil {
                    guard index < arguments.count else { throw UsageError("--metrics-port needs a value") }
                    value = arguments[index]
                    index += 1
                }
                guard let port = Int(value ?? ""), (0...65_535).contains(port) else {
                    throw UsageError("--metrics-port needs a port number 0...65535, not '\(value ?? "")'")
                }
                metricsPort = port
            case _ where Self.valueFlags.contains(name):
                if value == nil {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                settings[name] = value
            default:
                throw UsageError("unknown option --\(name)")
            }
            if ["help", "version", "no-workers", "workers-only", "workers"].contains(name), value != nil {
                throw UsageError("--\(name) takes no value")
            }
        }
        if metricsPort != nil, mode != .workersOnly {
            throw UsageError("--metrics-port is only for --workers-only (the API serves /metrics on --port)")
        }
    }

    /// The environment AIModelCache and the webhook publisher read, with those flags laid over `environment`.
    func cacheEnvironment(_ environment: [String: String]) -> [String: String] {
        var merged = environment
        for (flag, variable) in Self.cacheFlags { if let value = settings[flag] { merged[variable] = value } }
        return merged
    }
}

/// A bad command line: printed with a pointer to `--help`; the process exits 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
