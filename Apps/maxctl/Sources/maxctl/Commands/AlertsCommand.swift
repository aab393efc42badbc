import CommandLineArguments
import Foundation
import Monitoring

/// `maxctl alerts`: the alerts active now, or with `--history` the transitions of a window, from monitoring-api's
/// `/api/monitoring/alerts`. Exit status like `maxctl ai`: from the active alerts' severities.
struct AlertsCommand {
    static let help = """
        USAGE: maxctl alerts [--history] [--since D] [--state S] [--queue Q] [options]

        Asks monitoring-api for /api/monitoring/alerts. Without --history: the alerts active now (queues,
        Redis, model caches) as a table of rule, subject, severity, state, value, threshold and since.
        With --history: the transitions (fired, repeated, resolved) of the window, newest first, and which
        store keeps them (PostgreSQL or memory, ALERT_HISTORY_DAYS).

        OPTIONS:
          --history           list the transitions of the window instead of the active alerts
          --since D           the window: a duration back from now (30m, 24h) or an ISO 8601 instant
                              (default 24h)
          --state S           only alerts in this state: firing, resolved, pending, unknown
          --queue Q           only alerts about this queue (or subject: redis, process, a cache)
        \(CommonOptions.help)

        EXIT STATUS: 0 no alert active (or only info), 1 a warning alert active, 2 a critical alert active,
        3 API unreachable or bad arguments. With --history too: the status is the active alerts'.
        """

    let options: CommonOptions
    let history: Bool
    let since: String?
    let state: AlertState?
    let queue: String?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["since", "state", "queue"]),
            flagOptions: CommonOptions.flagOptions.union(["history"]))
        guard parsed.positionals.isEmpty else {
            throw UsageError("alerts takes no operands (got '\(parsed.positionals[0])'); use --queue to filter")
        }
        options = try CommonOptions(parsed, environment: environment)
        history = parsed.flag("history")
        since = parsed.value("since")
        if let since, AlertHistoryQuery.windowStart(since, nowMs: MonitoringJSON.nowMilliseconds()) == nil {
            throw UsageError("--since must be \(AlertHistoryQuery.windowSyntax), not '\(since)'")
        }
        state = try parsed.value("state").map { text throws(UsageError) in
            guard let state = AlertHistoryQuery.state(text) else {
                throw UsageError("--state must be \(AlertHistoryQuery.stateSyntax), not '\(text)'")
            }
            return state
        }
        queue = parsed.value("queue")
        if queue?.isEmpty == true { throw UsageError("--queue needs a queue name") }
    }

    /// The API path with the filters as query parameters.
    var path: String {
        let parameters = [("since", since), ("state", state?.rawValue), ("queue", queue)].compactMap { name, value in
            value.map { "\(name)=\(Output.queryEscaped($0))" }
        }
        return "/api/monitoring/alerts" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    func run() async -> ExitCode {
        let report: AlertsReport
        do {
            report = try await APIClient(options: options).get(path, as: AlertsReport.self).body
        } catch {
            Output.printError(error.description)
            return .unknown
        }
        if options.json {
            Output.printJSON(report)
        } else if history {
            Output.printAlertHistory(report)
        } else {
            Output.printActiveAlerts(report)
        }
        return ExitCode(rawValue: HealthStatus.implied(by: report.active).exitCode) ?? .unknown
    }
}
