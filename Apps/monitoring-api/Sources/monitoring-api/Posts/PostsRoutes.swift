import Foundation
import HTTPServe
import Monitoring
import PostgresClient
import ScheduledPosts

/// The posts API: `POST /api/posts`, `GET /api/posts/:id`, `GET /api/posts?status=`, `DELETE /api/posts/:id`.
/// Validation errors are 400 JSON naming the field; unknown ids 404; a post no longer pending 409; while
/// PostgreSQL cannot be reached, 503 `database_unavailable` with the reason.
enum PostsRoutes {
    /// How long a request made while the first connection attempt runs waits for its outcome.
    static let connectingWait: Duration = .seconds(3)

    /// Registers the routes through the table's access policy (reads: either token; creating and cancelling: the
    /// admin token); `readiness` answers 503 before PostgreSQL has answered once. Cancelling is audited; creating is
    /// not an admin action, so only its refusals are.
    static func register(into routes: inout RouteTable, scheduler: PostScheduler, readiness: DatabaseReadiness) {
        let store = scheduler.store
        routes.write("POST", "/api/posts", auditSuccess: false) { request, _ in
            try await respond(readiness) {
                let post = try await scheduler.schedule(try NewPost(json: request.body))
                return try encode(post, status: 201)
            }
        }
        routes.get("/api/posts") { request, _ in
            try await respond(readiness) {
                let statusText = request.query["status"]
                var status: PostStatus?
                if let statusText {
                    guard let parsed = PostStatus(rawValue: statusText) else {
                        throw ScheduledPostsError(
                            .invalidPost, field: "status",
                            "status must be one of \(PostStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    status = parsed
                }
                guard
                    case .success(let after?) = QueueRouteSupport.integer(
                        request, "after", default: 0, in: 0...Int(Int32.max)),
                    case .success(let limit?) = QueueRouteSupport.integer(request, "limit", default: 100, in: 1...1000)
                else {
                    throw ScheduledPostsError(
                        .invalidPost, field: "parameter", "after must be a whole number ≥ 0 and limit one in 1...1000")
                }
                let afterID = after
                return try encode(["posts": try await store.posts(status: status, afterID: afterID, limit: limit)])
            }
        }
        routes.get("/api/posts/:id") { request, _ in
            try await respond(readiness) {
                let id = try postID(request)
                guard let post = try await store.post(id: id) else {
                    throw ScheduledPostsError(.notFound, "no scheduled post has id \(id)")
                }
                return try encode(post)
            }
        }
        routes.write("DELETE", "/api/posts/:id") { request, _ in
            try await respond(readiness) { try encode(try await scheduler.cancel(id: try postID(request))) }
        }
    }

    private static func postID(_ request: Request) throws -> Int {
        let text = request.parameter("id") ?? ""
        guard let id = Int(text), id > 0, String(id) == text else {
            throw ScheduledPostsError(.invalidPost, field: "id", "the post id must be a positive integer")
        }
        return id
    }

    /// 503 before the database answered once; then runs `body`, mapping `ScheduledPostsError` to 400/404/409
    /// JSON and a database that cannot be reached to 503; other errors propagate (500, logged by the server).
    private static func respond(
        _ readiness: DatabaseReadiness, _ body: () async throws -> Response
    ) async throws -> Response {
        if let problem = await readiness.problem(waitingAtMost: connectingWait) { return unavailable(problem) }
        do {
            return try await body()
        } catch let error as PostgresError where isUnreachable(error) {
            return unavailable("PostgreSQL is unreachable: \(error); scheduled posts are kept, retry when it is back")
        } catch let error as ScheduledPostsError {
            switch error.code {
            case .notFound: return .error(status: 404, code: "not_found", message: error.message)
            case .invalidTransition: return .error(status: 409, code: "invalid_transition", message: error.message)
            default:
                return .error(
                    status: 400, code: "invalid_\(error.field ?? "request")", message: error.message)
            }
        }
    }

    /// 503 `database_unavailable` with `message`.
    private static func unavailable(_ message: String) -> Response {
        .error(status: 503, code: "database_unavailable", message: message)
    }

    /// Whether `error` says the server cannot be reached or answer now (rather than refusing the statement).
    static func isUnreachable(_ error: PostgresError) -> Bool {
        [.connectionFailed, .connectionLost, .timeout, .poolExhausted, .closed].contains(error.code)
    }

    /// Times as every instant of the API: ISO 8601 UTC with ms.
    private static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }
}
