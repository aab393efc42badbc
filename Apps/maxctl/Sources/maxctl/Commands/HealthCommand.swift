import CommandLineArguments
import Monitoring

/// `maxctl health`: the system health from monitoring-api, as a table, JSON, or one Nagios line.
/// Exit 0 healthy, 1 degraded, 2 unhealthy, 3 unknown (API unreachable, timeout, bad arguments).
struct HealthCommand {
    static let help = """
        USAGE: maxctl health [--format text|nagios] [options]

        Asks monitoring-api for /api/monitoring/system-health and prints the components, the queues and
        the alerts firing. --format nagios prints one status line with perfdata (monitoring plugins).

        OPTIONS:
          --format F          text (default) or nagios
        \(CommonOptions.help)

        EXIT STATUS: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown (API unreachable, timeout, bad arguments).
        """

    /// How to print the result.
    enum Format: String { case text, nagios }

    let options: CommonOptions
    let format: Format

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["format"]),
            flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.isEmpty else {
            throw UsageError("health takes no operands (got '\(parsed.positionals[0])')")
        }
        options = try CommonOptions(parsed, environment: environment)
        guard let format = Format(rawValue: parsed.value("format") ?? "text") else {
            throw UsageError("--format must be text or nagios")
        }
        self.format = format
    }

    func run() async -> ExitCode {
        let health: SystemHealth
        do {
            health = try await APIClient(options: options)
                .get("/api/monitoring/system-health", as: SystemHealth.self, accepted: [200, 503]).body
        } catch {
            if format == .nagios {
                print("MAXBOOSTER UNKNOWN - \(error)")
            } else {
                Output.printError(error.description)
            }
            return .unknown
        }
        if options.json {
            Output.printJSON(health)
        } else if format == .nagios {
            print(Self.nagiosLine(health))
        } else {
            Output.printHealth(health)
        }
        return ExitCode(rawValue: health.status.exitCode) ?? .unknown
    }

    /// `MAXBOOSTER OK - healthy: 3 queues, 0 alerts | queues=3 alerts=0 waiting=12 …` (perfdata in base units).
    static func nagiosLine(_ health: SystemHealth) -> String {
        let label =
            switch health.status {
            case .healthy: "OK"
            case .degraded: "WARNING"
            case .unhealthy: "CRITICAL"
            }
        let queues = health.components.queues
        let alerts = queues.alerts + queues.details.flatMap(\.alerts) + health.components.aiModels.alerts
        var summary = "\(health.status.rawValue): \(queues.details.count) queues, \(alerts.count) alerts"
        if let reason = queues.reason ?? health.components.aiModels.reason { summary += " (\(reason))" }
        if let first = alerts.first { summary += "; \(first.message)" }
        var perfdata = [
            "queues=\(queues.details.count)", "alerts=\(alerts.count)",
            "waiting=\(queues.details.map(\.waiting).reduce(0, +))",
            "active=\(queues.details.map(\.active).reduce(0, +))",
            "stalled=\(queues.details.map(\.stalled).reduce(0, +))",
            "social_models=\(health.components.aiModels.social.current);;;0;\(health.components.aiModels.social.max)",
            "advertising_models=\(health.components.aiModels.advertising.current);;;0;\(health.components.aiModels.advertising.max)",
        ]
        if let redis = queues.redis {
            perfdata.append("redis_latency=\(Output.number(redis.latencyMs / 1000, digits: 6))s")
        }
        // Perfdata follows the first `|`; keep it out of the text part.
        let text = summary.replacingOccurrences(of: "|", with: "/")
        return "MAXBOOSTER \(label) - \(text) | \(perfdata.joined(separator: " "))"
    }
}
