import HTTPServe

/// Who may call what: `API_TOKEN` is the admin token (every route), `API_READ_TOKEN` the read-only token (`GET`
/// routes only); with no token configured the API is open, admin actions included (loopback by default).
///
/// Both tokens are compared in constant time (``BearerToken``). The decision is made once, here, for every route
/// (``RouteTable`` registers every route through it).
struct AccessPolicy: Sendable {
    /// The caller's role, as `GET /api/console/whoami` and the audit log name it.
    enum Role: String, Sendable {
        /// The admin token: every route.
        case admin
        /// The read-only token: `GET` routes only.
        case read
        /// No token is configured: every route, as admin.
        case open
    }

    /// What a route needs.
    enum Access: Sendable {
        /// Nothing: the probes, `/openapi.json`, the console page and its assets.
        case none
        /// Any valid token (reads).
        case read
        /// The admin token (writes).
        case admin
    }

    private let admin: BearerToken?
    private let read: BearerToken?

    /// A policy over the configured tokens; `readToken` only counts beside an `adminToken` (the configuration
    /// refuses it alone).
    init(adminToken: String?, readToken: String? = nil) {
        admin = adminToken.map(BearerToken.init)
        read = adminToken == nil ? nil : readToken.map(BearerToken.init)
    }

    /// The open policy (no token configured).
    static let open = AccessPolicy(adminToken: nil)

    /// Whether tokens are configured (the `auth` field of `server.listening`, the OpenAPI security).
    var requiresToken: Bool { admin != nil }

    /// Whether a read-only token is configured.
    var hasReadToken: Bool { read != nil }

    /// The role `request`'s `Authorization` header grants; nil when tokens are set and it carries no valid one.
    func role(of request: Request) -> Role? {
        guard let admin else { return .open }
        let header = request.headers["Authorization"]
        if admin.accepts(header) { return .admin }
        if let read, read.accepts(header) { return .read }
        return nil
    }

    /// The caller's role when it may have `access`, else the refusal: 401 `unauthorized` (with `WWW-Authenticate:
    /// Bearer`) without a valid token, 403 `forbidden` for the read token on a write.
    func check(_ request: Request, needs access: Access) -> Result<Role?, Refusal> {
        if case .none = access { return .success(role(of: request)) }
        guard let role = role(of: request) else { return .failure(.unauthorized) }
        if case .admin = access, role == .read { return .failure(.forbidden) }
        return .success(role)
    }

    /// Why a request was refused.
    enum Refusal: Error {
        case unauthorized
        case forbidden

        /// The JSON error answer.
        var response: Response {
            switch self {
            case .unauthorized:
                var response = Response.error(
                    status: 401, code: "unauthorized",
                    message: "this endpoint needs `Authorization: Bearer <token>` (API_TOKEN, or API_READ_TOKEN for "
                        + "reads; maxctl: --token or MAXCTL_TOKEN)")
                response.headers.add(name: "WWW-Authenticate", value: "Bearer")
                return response
            case .forbidden:
                return .error(
                    status: 403, code: "forbidden",
                    message: "the read-only token (API_READ_TOKEN) cannot change anything: use the admin token "
                        + "(API_TOKEN) for this action")
            }
        }
    }
}
