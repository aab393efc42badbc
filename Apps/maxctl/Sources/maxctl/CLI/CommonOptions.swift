import CommandLineArguments

/// The options every monitoring and queue command takes: `--api`, `--token`, `--redis`, `--prefix`
/// (resolved with their variables by ``MaxctlSettings``), `--timeout D` (default `10s`) and `--json`.
struct CommonOptions {
    /// Options that take a value.
    static let valueOptions: Set<String> = ["api", "token", "redis", "prefix", "timeout"]
    /// Boolean options.
    static let flagOptions: Set<String> = ["json"]

    /// The lines `--help` shows for these options.
    static let help = """
          --api URL           monitoring-api base URL (env MAXCTL_API, default http://127.0.0.1:5000)
          --token T           bearer token for the API (env MAXCTL_TOKEN)
          --redis URL         Redis with the queues (env REDIS_URL, default redis://127.0.0.1:6379)
          --prefix P          BullMQ key prefix (env QUEUE_PREFIX, default bull)
          --timeout D         bound on every network wait, e.g. 500ms, 10s (default 10s)
          --json              print one JSON document instead of a table
          --help              show this help
        """

    /// The API's base URL, without a trailing slash.
    let api: String
    /// The bearer token, if any (never printed).
    let token: String?
    /// The Redis URL.
    let redisURL: String
    /// The BullMQ key prefix.
    let prefix: String
    /// The bound on every network wait.
    let timeout: Duration
    /// Print JSON.
    let json: Bool

    /// Reads the options from `parsed`, falling back to `environment`, then the defaults (``MaxctlSettings``).
    init(_ parsed: ParsedArguments, environment: [String: String]) throws(UsageError) {
        let settings = MaxctlSettings(parsed, environment: environment)
        var api = settings.string(.api)
        while api.hasSuffix("/") { api.removeLast() }
        guard api.hasPrefix("http://") else {
            throw UsageError("--api '\(api)' must be an http:// URL such as http://127.0.0.1:5000")
        }
        self.api = api
        token = settings.value(.token).flatMap { $0.isEmpty ? nil : $0 }
        redisURL = settings.string(.redis)
        prefix = settings.string(.prefix)
        guard !prefix.isEmpty else { throw UsageError("--prefix must not be empty (BullMQ's default is bull)") }
        timeout = try DurationText.parse(parsed.value("timeout") ?? "10s", option: "--timeout")
        guard timeout > .zero else { throw UsageError("--timeout must be more than 0") }
        json = parsed.flag("json")
    }
}
