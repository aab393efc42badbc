import Foundation
import HTTPServe
import Monitoring
import ScheduledPosts

/// The posts API: `POST /api/posts`, `GET /api/posts/:id`, `GET /api/posts?status=`, `DELETE /api/posts/:id`.
/// Validation errors are 400 JSON naming the field; unknown ids 404; a post no longer pending 409.
enum PostsRoutes {
    /// Registers the routes; `authorized` is the bearer-token check every other endpoint uses.
    static func register(
        into router: inout Router, scheduler: PostScheduler, authorized: @escaping @Sendable (Request) -> Response?
    ) {
        let store = scheduler.store
        router.post("/api/posts") { request in
            if let denied = authorized(request) { return denied }
            return try await respond {
                let post = try await scheduler.schedule(try NewPost(json: request.body))
                return try encode(post, status: 201)
            }
        }
        router.get("/api/posts") { request in
            if let denied = authorized(request) { return denied }
            return try await respond {
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
                let afterID = Int(request.query["after"] ?? "") ?? 0
                let limit = min(max(Int(request.query["limit"] ?? "") ?? 100, 1), 1000)
                return try encode(["posts": try await store.posts(status: status, afterID: afterID, limit: limit)])
            }
        }
        router.get("/api/posts/:id") { request in
            if let denied = authorized(request) { return denied }
            return try await respond {
                let id = try postID(request)
                guard let post = try await store.post(id: id) else {
                    throw ScheduledPostsError(.notFound, "no scheduled post has id \(id)")
                }
                return try encode(post)
            }
        }
        router.delete("/api/posts/:id") { request in
            if let denied = authorized(request) { return denied }
            return try await respond { try encode(try await scheduler.cancel(id: try postID(request))) }
        }
    }

    private static func postID(_ request: Request) throws -> Int {
        guard let id = Int(request.parameter("id") ?? ""), id > 0 else {
            throw ScheduledPostsError(.invalidPost, field: "id", "the post id must be a positive integer")
        }
        return id
    }

    /// Maps `ScheduledPostsError` to 400/404/409 JSON; other errors propagate (500, logged by the server).
    private static func respond(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
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

    /// Times as every instant of the API: ISO 8601 UTC with ms.
    private static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }
}
