import Foundation
import HTTPServe
import Monitoring

/// The one way monitoring-api registers a route: every route goes through the ``AccessPolicy`` (`GET` needs a read
/// or admin token, any other method the admin token; ``open(_:_:_:)`` for the few that need none), and every write is
/// audited (success or refusal, 401 and 403 included) in the ``AuditLog``.
struct RouteTable {
    /// A handler that is told the caller's role (nil on an open route without a valid token).
    typealias RoleHandler = @Sendable (Request, AccessPolicy.Role?) async throws -> Response

    private(set) var router = Router()
    let policy: AccessPolicy
    /// Where writes are audited; nil audits nothing (tests of read routes).
    let audit: AuditLog?

    init(policy: AccessPolicy, audit: AuditLog?) {
        self.policy = policy
        self.audit = audit
    }

    /// A route that needs no token: the probes, `/openapi.json`, the console page and its assets.
    mutating func open(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        router.on(method, pattern, handler)
    }

    /// A cheap, non-blocking route answered on the event loop, needing no token (`/livez`).
    mutating func openOnLoop(_ method: String, _ pattern: String, _ handler: @escaping LoopHandler) {
        router.onLoop(method, pattern, handler)
    }

    /// A `GET` route: any valid token (read or admin), or none when the API is open.
    mutating func get(_ pattern: String, _ handler: @escaping RoleHandler) {
        let policy = policy
        router.get(pattern) { request in
            switch policy.check(request, needs: .read) {
            case .failure(let refusal): return refusal.response
            case .success(let role): return try await handler(request, role)
            }
        }
    }

    /// A write (`POST`, `DELETE`, …): the admin token, or none when the API is open. Audited: every answer, refusals
    /// included, unless `auditSuccess` is false (post creation, which is not an admin action), when only refusals are.
    mutating func write(
        _ method: String, _ pattern: String, auditSuccess: Bool = true, _ handler: @escaping RoleHandler
    ) {
        precondition(method != "GET" && method != "HEAD", "\(method) \(pattern) is a read: register it with get")
        let policy = policy
        let audit = audit
        let parameterNames = pattern.split(separator: "/").compactMap {
            $0.first == ":" ? String($0.dropFirst()) : nil
        }
        router.on(method, pattern) { request in
            func record(_ role: AccessPolicy.Role?, _ response: Response) {
                guard let audit, auditSuccess || !(200..<300).contains(response.status) else { return }
                audit.record(
                    AuditEntry(
                        timestampMs: MonitoringJSON.nowMilliseconds(), role: role?.rawValue ?? "none",
                        method: method, route: pattern,
                        target: parameterNames.compactMap { request.parameter($0) }.joined(separator: "/"),
                        result: Self.result(of: response), status: response.status))
            }
            switch policy.check(request, needs: .admin) {
            case .failure(let refusal):
                let response = refusal.response
                record(policy.role(of: request), response)
                return response
            case .success(let role):
                let response: Response
                do {
                    response = try await handler(request, role)
                } catch let error as HTTPServeError where error.status != nil {
                    record(role, .error(status: error.status ?? 400, code: error.errorCode, message: error.message))
                    throw error
                } catch {
                    record(role, .error(status: 500, code: "internal_error", message: "\(error)"))
                    throw error
                }
                record(role, response)
                return response
            }
        }
    }

    /// `ok` for a 2xx answer, else the `code` of its JSON error body (`http_<status>` without one).
    static func result(of response: Response) -> String {
        if (200..<300).contains(response.status) { return "ok" }
        struct ErrorBody: Decodable {
            struct Detail: Decodable { let code: String }
            let error: Detail
        }
        return (try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)).error.code)
            ?? "http_\(response.status)"
    }
}
