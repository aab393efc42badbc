import CommandLineArguments
import Foundation
import Monitoring

/// `maxctl audit`: the audit log of admin actions from monitoring-api's `/api/audit`, newest first.
struct AuditCommand {
    static let help = """
        USAGE: maxctl audit [--since D] [--limit N] [options]

        Asks monitoring-api for /api/audit: every admin action (pause, resume, retry, promote, remove, clean,
        post cancellation) and every refused write (401, 403) of the window, newest first, as a table of time,
        role, method, route, target, result and status, and which store keeps them (PostgreSQL or memory,
        AUDIT_RETENTION_DAYS).

        OPTIONS:
          --since D           the window: a duration back from now (30m, 24h) or an ISO 8601 instant
                              (default 24h)
          --limit N           at most N entries, the newest (default 100, at most 10000)
        \(CommonOptions.help)

        EXIT STATUS: 0 listed, 3 API unreachable, the token refused, or bad arguments.
        """

    let options: CommonOptions
    let since: String?
    let limit: Int?

    init(arguments: [String], environment: [String: String]) throws(UsageError) {
        let parsed = try ParsedArguments(
            arguments, valueOptions: CommonOptions.valueOptions.union(["since", "limit"]),
            flagOptions: CommonOptions.flagOptions)
        guard parsed.positionals.isEmpty else {
            throw UsageError("audit takes no operands (got '\(parsed.positionals[0])')")
        }
        options = try CommonOptions(parsed, environment: environment)
        since = parsed.value("since")
        if let since, AlertHistoryQuery.windowStart(since, nowMs: MonitoringJSON.nowMilliseconds()) == nil {
            throw UsageError("--since must be \(AlertHistoryQuery.windowSyntax), not '\(since)'")
        }
        limit = try parsed.value("limit").map { text throws(UsageError) in
            guard let value = Int(text), (1...AuditQuery.maxLimit).contains(value) else {
                throw UsageError("--limit must be a whole number in 1...\(AuditQuery.maxLimit), not '\(text)'")
            }
            return value
        }
    }

    /// The API path with the window and limit as query parameters.
    var path: String {
        let parameters = [("since", since), ("limit", limit.map(String.init))].compactMap { name, value in
            value.map { "\(name)=\(Output.queryEscaped($0))" }
        }
        return "/api/audit" + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    func run() async -> ExitCode {
        let report: AuditReport
        do {
            report = try await APIClient(options: options).get(path, as: AuditReport.self).body
        } catch {
            Output.printError(error.description)
            return .unknown
        }
        options.json ? Output.printJSON(report) : Output.printAudit(report)
        return .ok
    }
}
