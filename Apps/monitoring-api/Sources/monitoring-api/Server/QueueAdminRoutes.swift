import HTTPServe
import QueueCore

/// The console's admin routes (all `POST`, the admin token, each audited by ``RouteTable``): pause, resume, retry
/// every failed job, clean with a grace period, and retry, promote or remove one job. Success: `{"ok": true, …}`; a
/// job in the wrong state 409 `conflict`; an unknown queue or job 404.
enum QueueAdminRoutes {
    /// The states `clean` may empty.
    static let cleanableStates: [JobState] = [
        .completed, .failed, .waiting, .delayed, .prioritized, .paused, .waitingChildren,
    ]
    /// The largest `limit` of one clean.
    static let maxCleanLimit = 100_000

    static func register(into routes: inout RouteTable, directory: QueueDirectory?) {
        routes.write("POST", "/api/queues/:queueName/pause") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                try await queue.pause()
                return try QueueRouteSupport.encode(QueueResult(queue: queue.name, paused: true))
            }
        }
        routes.write("POST", "/api/queues/:queueName/resume") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                try await queue.resume()
                return try QueueRouteSupport.encode(QueueResult(queue: queue.name, paused: false))
            }
        }
        routes.write("POST", "/api/queues/:queueName/retry-failed") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                let failed = try await queue.counts()[.failed] ?? 0
                try await queue.retryAll(.failed)
                return try QueueRouteSupport.encode(Retried(queue: queue.name, retried: failed))
            }
        }
        routes.write("POST", "/api/queues/:queueName/clean") { request, _ in
            let clean: CleanRequest
            switch CleanRequest.parse(request.body) {
            case .success(let parsed): clean = parsed
            case .failure(let bad): return bad.response
            }
            return try await QueueRouteSupport.withQueue(request, directory) { queue in
                let removed = try await queue.clean(
                    grace: .milliseconds(clean.graceMs), limit: clean.limit, state: clean.state)
                return try QueueRouteSupport.encode(
                    Cleaned(queue: queue.name, state: clean.state.rawValue, removed: removed.count))
            }
        }
        jobAction(&routes, "retry", directory) { queue, id in try await queue.retry(id) }
        jobAction(&routes, "promote", directory) { queue, id in try await queue.promote(id) }
        jobAction(&routes, "remove", directory) { queue, id in
            if try await !queue.remove(id) { throw QueueError(.jobNotFound, "remove \(id): no such job") }
        }
    }

    /// `POST /api/queues/:queueName/jobs/:jobId/<action>`: 404 `unknown_job` when the job does not exist, else
    /// `action` (409 `conflict` when the job is in the wrong state).
    private static func jobAction(
        _ routes: inout RouteTable, _ action: String, _ directory: QueueDirectory?,
        _ perform: @escaping @Sendable (Queue, String) async throws -> Void
    ) {
        routes.write("POST", "/api/queues/:queueName/jobs/:jobId/\(action)") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                let id = request.parameter("jobId") ?? ""
                guard try await queue.job(id) != nil else { return QueueRouteSupport.unknownJob(id, queue: queue.name) }
                try await perform(queue, id)
                return try QueueRouteSupport.encode(JobResult(queue: queue.name, id: id, action: action))
            }
        }
    }

    /// The body of `clean`: `{"state": "completed", "graceMs": 3600000, "limit": 1000}`; `state` is required, `graceMs`
    /// (≥ 0) defaults to 0, `limit` (0 = all) to 0.
    struct CleanRequest {
        let state: JobState
        let graceMs: Int64
        let limit: Int

        static func parse(_ body: [UInt8]) -> Result<CleanRequest, QueueRouteSupport.BadParameter> {
            func bad(_ message: String) -> Result<CleanRequest, QueueRouteSupport.BadParameter> {
                .failure(QueueRouteSupport.BadParameter(name: "body", message: message))
            }
            let states = cleanableStates.map(\.rawValue).joined(separator: ", ")
            guard let text = String(validating: body, as: UTF8.self), let value = try? JSONValue.parse(text),
                let object = value.objectValue
            else {
                return bad(#"the body must be a JSON object such as {"state":"completed","graceMs":3600000}"#)
            }
            if let unknown = object.keys.sorted().first(where: { !["state", "graceMs", "limit"].contains($0) }) {
                return bad("unknown field '\(unknown)': clean takes state, graceMs and limit")
            }
            guard let text = object["state"]?.stringValue, let state = JobState(rawValue: text),
                cleanableStates.contains(state)
            else { return bad("state must be one of \(states)") }
            guard let grace = wholeNumber(object["graceMs"], default: 0), (0...Int(Int32.max) * 1000).contains(grace)
            else { return bad("graceMs must be a whole number of milliseconds ≥ 0") }
            guard let limit = wholeNumber(object["limit"], default: 0), (0...maxCleanLimit).contains(limit) else {
                return bad("limit must be a whole number in 0...\(maxCleanLimit) (0 = every matching job)")
            }
            return .success(CleanRequest(state: state, graceMs: Int64(grace), limit: limit))
        }

        /// `value` as a whole number (`fallback` when absent); nil for anything else (booleans, fractions, text).
        private static func wholeNumber(_ value: JSONValue?, default fallback: Int) -> Int? {
            guard let value else { return fallback }
            guard let number = value.doubleValue, number.rounded() == number, abs(number) < 9e15 else { return nil }
            return Int(number)
        }
    }

    struct QueueResult: Encodable {
        var ok = true
        let queue: String
        let paused: Bool
    }

    struct Retried: Encodable {
        var ok = true
        let queue: String
        let retried: Int
    }

    struct Cleaned: Encodable {
        var ok = true
        let queue: String
        let state: String
        let removed: Int
    }

    struct JobResult: Encodable {
        var ok = true
        let queue: String
        let id: String
        let action: String
    }
}
