import Autopilot
import Foundation
import HTTPServe
import Monitoring
import QueueCore
import ScheduledPosts

/// The Autopilot requests of the API, served beside the posts API:
/// `GET /api/users/{userId}/suggested-time` (the user's social model through this process's `social` cache) and
/// `POST /api/ads/optimize` (a budget request added to the `ad-optimization` queue, answered 202 with the job id).
enum AutopilotRoutes {
    /// The body of `POST /api/ads/optimize`: a missing field is nil; a field of the wrong type, `null` included,
    /// does not decode (400).
    struct OptimizeBody: Decodable {
        let userId: String?
        let valuePerConversion: Double?
        let maxBudget: Double?

        private enum CodingKeys: String, CodingKey { case userId, valuePerConversion, maxBudget }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            userId = try container.contains(.userId) ? container.decode(String.self, forKey: .userId) : nil
            valuePerConversion =
                try container.contains(.valuePerConversion)
                ? container.decode(Double.self, forKey: .valuePerConversion) : nil
            maxBudget = try container.contains(.maxBudget) ? container.decode(Double.self, forKey: .maxBudget) : nil
        }
    }

    /// The answer of `POST /api/ads/optimize`.
    struct Accepted: Encodable {
        let jobId: String
        let queue: String
        let userId: String
    }

    /// Registers both routes through the table's access policy (the suggestion is a read; an optimisation
    /// request is a write, not an admin action, so only its refusals are audited); 503 before PostgreSQL has
    /// answered once (the models live there).
    static func register(into routes: inout RouteTable, runtime: AutoPostingRuntime) {
        let (socialModel, adQueue, readiness) = (runtime.socialModel, runtime.adQueue, runtime.readiness)
        routes.get("/api/users/:userId/suggested-time") { request, _ in
            let userID = request.parameter("userId") ?? ""
            if let refusal = invalidUserID(userID) { return refusal }
            if let problem = await readiness.problem(waitingAtMost: PostsRoutes.connectingWait) {
                return .error(status: 503, code: "database_unavailable", message: problem)
            }
            do {
                let model = try await socialModel(userID)
                return try encode(TimeSuggestion(userID: userID, model: model, now: Date()))
            } catch {
                return .error(
                    status: 503, code: "model_unavailable",
                    message: "the social model of \(userID) cannot be loaded: \(error)")
            }
        }
        routes.write("POST", "/api/ads/optimize", auditSuccess: false) { request, _ in
            let body: OptimizeBody
            do {
                body = try request.decodeJSON(OptimizeBody.self)
            } catch {
                return .error(
                    status: 400, code: "invalid_body",
                    message:
                        "the body must be JSON {\"userId\": string, \"valuePerConversion\": number > 0, "
                        + "\"maxBudget\": number >= 0 (optional)}")
            }
            let userID = body.userId ?? ""
            if let refusal = invalidUserID(userID) { return refusal }
            guard let value = body.valuePerConversion, value.isFinite, value > 0 else {
                return .error(
                    status: 400, code: "invalid_valuePerConversion",
                    message: "valuePerConversion must be a number above 0 (what one conversion is worth)")
            }
            let maxBudget = body.maxBudget ?? 10_000
            guard maxBudget.isFinite, maxBudget >= 0 else {
                return .error(
                    status: 400, code: "invalid_maxBudget", message: "maxBudget must be a number of at least 0")
            }
            do {
                let id = try await AdOptimizationProcessor.request(
                    .init(userId: userID, valuePerConversion: value, maxBudget: maxBudget), on: adQueue)
                return try encode(
                    Accepted(jobId: id, queue: AdOptimizationProcessor.queueName, userId: userID), status: 202)
            } catch {
                return .error(
                    status: 503, code: "redis_unavailable",
                    message: "the request could not be queued on \(AdOptimizationProcessor.queueName): \(error)")
            }
        }
    }

    /// 400 `invalid_userId` with the rule when `userID` breaks it (``NewPost/validateUserID(_:)``), else nil.
    private static func invalidUserID(_ userID: String) -> Response? {
        do {
            try NewPost.validateUserID(userID)
            return nil
        } catch let error as ScheduledPostsError {
            return .error(status: 400, code: "invalid_userId", message: error.message)
        } catch {
            return .error(status: 400, code: "invalid_userId", message: "\(error)")
        }
    }

    private static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }
}
