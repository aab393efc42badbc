import HTTPServe
import Monitoring
import QueueCore
import RedisClient

/// What the queue routes (jobs, schedulers, admin actions) share: finding the queue (404 `unknown_queue`), mapping the
/// queue engine's errors to JSON answers, reading integer query parameters, encoding.
enum QueueRouteSupport {
    /// Runs `body` on the queue the `queueName` parameter names; 404 `unknown_queue` when it is not known, 503 when
    /// there is no directory or Redis cannot be reached, 404/409/400 for the engine's job errors.
    static func withQueue(
        _ request: Request, _ directory: QueueDirectory?, _ body: (Queue) async throws -> Response
    ) async throws -> Response {
        let name = request.parameter("queueName") ?? ""
        guard let directory else {
            return .error(
                status: 503, code: "queues_unavailable", message: "this server was started without queue access")
        }
        do {
            guard let queue = try await directory.queue(name) else {
                return .error(
                    status: 404, code: "unknown_queue",
                    message: "queue '\(name)' is not known: it has no jobs under this prefix and is not monitored; "
                        + "list the queues at /api/monitoring/queue-metrics")
            }
            return try await body(queue)
        } catch let error as RedisError {
            return .error(status: 503, code: "redis_unavailable", message: "Redis cannot be reached: \(error)")
        } catch let error as QueueError {
            switch error.code {
            case .jobNotFound: return unknownJob(request.parameter("jobId") ?? "", queue: name)
            case .wrongState, .lockLost, .notPaused, .pendingDependencies:
                return .error(status: 409, code: "conflict", message: error.message)
            case .invalidOption, .invalidJSON:
                return .error(status: 400, code: "invalid_parameter", message: error.message)
            default: throw error
            }
        }
    }

    /// 404 `unknown_job`.
    static func unknownJob(_ id: String, queue: String) -> Response {
        .error(status: 404, code: "unknown_job", message: "queue '\(queue)' has no job '\(id)'")
    }

    /// The integer query parameter `name`: `fallback` when absent, 400 `invalid_parameter` when it is not a whole
    /// number in `range`.
    static func integer(
        _ request: Request, _ name: String, default fallback: Int?, in range: ClosedRange<Int>
    ) -> Result<Int?, BadParameter> {
        guard let text = request.query[name] else { return .success(fallback) }
        guard let value = Int(text), range.contains(value) else {
            return .failure(
                BadParameter(
                    name: name,
                    message:
                        "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound); got '\(text)'"))
        }
        return .success(value)
    }

    /// A query parameter that is not what the route takes.
    struct BadParameter: Error {
        let name: String
        let message: String
        /// 400 `invalid_parameter`.
        var response: Response { .error(status: 400, code: "invalid_parameter", message: message) }
    }

    /// `value` as JSON (sorted keys), status `status`.
    static func encode<T: Encodable>(_ value: T, status: Int = 200) throws -> Response {
        try Response.json(value, status: status, encoder: MonitoringJSON.makeEncoder())
    }
}
