/// One admin action as the audit log keeps it: who (the token's role), what (method, route pattern, target), when and
/// how it ended (a result word and the HTTP status). Refusals (401, 403) are entries too.
///
/// JSON: `{"timestamp": ms since 1970, "role", "method", "route", "target", "result", "status"}` (the console's
/// contract keeps instants as epoch milliseconds).
public struct AuditEntry: Codable, Sendable, Equatable {
    /// When the answer was given, ms since 1970 (JSON `timestamp`).
    public var timestampMs: Int64
    /// The caller's role: `admin`, `read`, `open` (no token configured) or `none` (no valid token).
    public var role: String
    /// The method, e.g. `POST`.
    public var method: String
    /// The route pattern, e.g. `/api/queues/:queueName/pause`.
    public var route: String
    /// What was acted on: the route's parameters, e.g. `mail` or `mail/42`; empty when none.
    public var target: String
    /// `ok` for a 2xx answer, else the error code the answer carried (`unauthorized`, `forbidden`, `conflict`, …).
    public var result: String
    /// The HTTP status of the answer.
    public var status: Int

    /// Creates an entry.
    public init(
        timestampMs: Int64, role: String, method: String, route: String, target: String, result: String, status: Int
    ) {
        self.timestampMs = timestampMs
        self.role = role
        self.method = method
        self.route = route
        self.target = target
        self.result = result
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case timestampMs = "timestamp"
        case role, method, route, target, result, status
    }
}
