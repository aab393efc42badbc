import HTTPServe
import Monitoring

/// The routes about access: `GET /api/console/whoami` (the caller's role, for the console to decide whether to show
/// admin controls) and `GET /api/audit?since=&limit=` (the audit log, newest first).
enum AccessRoutes {
    static func register(into routes: inout RouteTable, audit: AuditLog) {
        routes.get("/api/console/whoami") { _, role in
            try QueueRouteSupport.encode(["role": (role ?? .open).rawValue])
        }
        routes.get("/api/audit") { request, _ in
            let nowMs = MonitoringJSON.nowMilliseconds()
            var sinceMs = nowMs - AuditQuery.defaultWindow.wholeMilliseconds
            if let text = request.query["since"] {
                guard let parsed = AlertHistoryQuery.windowStart(text, nowMs: nowMs) else {
                    return .error(
                        status: 400, code: "invalid_parameter",
                        message: "since must be \(AlertHistoryQuery.windowSyntax); got '\(text)'")
                }
                sinceMs = parsed
            }
            let limit: Int
            switch QueueRouteSupport.integer(
                request, "limit", default: AuditQuery.defaultLimit, in: 1...AuditQuery.maxLimit)
            {
            case .success(let parsed): limit = parsed ?? AuditQuery.defaultLimit
            case .failure(let bad): return bad.response
            }
            do {
                let entries = try await audit.store.entries(sinceMs: sinceMs, limit: limit)
                return try QueueRouteSupport.encode(
                    AuditReport(entries: entries, sinceMs: sinceMs, store: audit.status))
            } catch {
                return .error(
                    status: 503, code: "audit_unavailable",
                    message: "the audit log cannot be read: \(error) (check DATABASE_URL and PostgreSQL)")
            }
        }
    }
}
