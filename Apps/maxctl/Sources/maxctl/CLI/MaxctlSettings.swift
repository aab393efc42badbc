import CommandLineArguments

/// The one place maxctl resolves its settings: a command's flag (as given), else its environment variable
/// (an empty one counts as unset), else the default. Every command reads its shared settings through here.
///
/// | setting | flag | variable | default |
/// | --- | --- | --- | --- |
/// | ``Setting/redis`` | `--redis URL` | `REDIS_URL` | `redis://127.0.0.1:6379` |
/// | ``Setting/database`` | `--database URL` | `DATABASE_URL` | `postgres://127.0.0.1:5432/maxbooster` |
/// | ``Setting/prefix`` | `--prefix P` | `QUEUE_PREFIX` | `bull` |
/// | ``Setting/api`` | `--api URL` | `MAXCTL_API` | `http://127.0.0.1:5000` |
/// | ``Setting/token`` | `--token T` | `MAXCTL_TOKEN` | none |
/// | ``Setting/baselineDirectory`` | `--dir DIR` (`baseline`) | `MAXCTL_BASELINE_DIR` | `.run/baselines` |
/// | ``Setting/chaosDatabase`` | `--database URL` (`chaos run`) | `CHAOS_DATABASE_URL` | the suite's own |
/// | ``Setting/chaosMaxctl`` | | `MAXCTL` | this maxctl |
/// | ``Setting/chaosMonitoringAPI`` | | `MONITORING_API` | `bin/monitoring-api` |
struct MaxctlSettings {
    /// A setting with its flag (without `--`), variable and default.
    enum Setting: CaseIterable {
        case redis, database, prefix, api, token, baselineDirectory, chaosDatabase, chaosMaxctl, chaosMonitoringAPI

        /// The flag, if the setting has one.
        var flag: String? {
            switch self {
            case .redis: "redis"
            case .database, .chaosDatabase: "database"
            case .prefix: "prefix"
            case .api: "api"
            case .token: "token"
            case .baselineDirectory: "dir"
            case .chaosMaxctl, .chaosMonitoringAPI: nil
            }
        }

        /// The environment variable.
        var variable: String {
            switch self {
            case .redis: "REDIS_URL"
            case .database: "DATABASE_URL"
            case .prefix: "QUEUE_PREFIX"
            case .api: "MAXCTL_API"
            case .token: "MAXCTL_TOKEN"
            case .baselineDirectory: "MAXCTL_BASELINE_DIR"
            case .chaosDatabase: "CHAOS_DATABASE_URL"
            case .chaosMaxctl: "MAXCTL"
            case .chaosMonitoringAPI: "MONITORING_API"
            }
        }

        /// The default, nil when the setting is unset by default.
        var defaultValue: String? {
            switch self {
            case .redis: "redis://127.0.0.1:6379"
            case .database: "postgres://127.0.0.1:5432/maxbooster"
            case .prefix: "bull"
            case .api: "http://127.0.0.1:5000"
            case .baselineDirectory: ".run/baselines"
            case .token, .chaosDatabase, .chaosMaxctl, .chaosMonitoringAPI: nil
            }
        }
    }

    /// The command's parsed arguments (nil where a command passes its arguments on unparsed).
    let parsed: ParsedArguments?
    /// The process environment, or a test's dictionary.
    let environment: [String: String]

    /// Settings of one command.
    init(_ parsed: ParsedArguments?, environment: [String: String]) {
        self.parsed = parsed
        self.environment = environment
    }

    /// The flag's value, else the variable's (non-empty), else the default.
    func value(_ setting: Setting) -> String? {
        explicitValue(setting) ?? setting.defaultValue
    }

    /// The flag's value, else the variable's (non-empty); nil when neither is given (the default is not used):
    /// for settings whose use is optional, such as the database `baseline` stores into when one is configured.
    func explicitValue(_ setting: Setting) -> String? {
        if let flag = setting.flag, let value = parsed?.value(flag) { return value }
        if let value = environment[setting.variable], !value.isEmpty { return value }
        return nil
    }

    /// The value of a setting that has a default.
    func string(_ setting: Setting) -> String { value(setting) ?? "" }
}
