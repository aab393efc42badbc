import HTTPServe
import QueueCore

/// The console's read routes on one queue's jobs: jobs per state with paging, one job whole with its logs, and the
/// queue's job schedulers. Unknown queue or job: 404 JSON.
enum JobRoutes {
    /// The states `state` may name.
    static let listableStates: [JobState] = [
        .waiting, .active, .delayed, .prioritized, .completed, .failed, .paused, .waitingChildren,
    ]
    /// The most jobs one page holds.
    static let maxCount = 500
    /// The newest log lines a job's detail carries (`logs.count` says how many it has in all).
    static let logLines = 200

    static func register(into routes: inout RouteTable, directory: QueueDirectory?) {
        routes.get("/api/queues/:queueName/jobs") { request, _ in
            let state: JobState
            switch self.state(request.query["state"]) {
            case .success(let parsed): state = parsed
            case .failure(let bad): return bad.response
            }
            let start: Int
            let count: Int
            switch (
                QueueRouteSupport.integer(request, "start", default: 0, in: 0...Int(Int32.max)),
                QueueRouteSupport.integer(request, "count", default: 50, in: 1...maxCount)
            ) {
            case (.success(let first?), .success(let size?)): (start, count) = (first, size)
            case (.failure(let bad), _), (_, .failure(let bad)): return bad.response
            default: return .error(status: 400, code: "invalid_parameter", message: "start and count are required")
            }
            return try await QueueRouteSupport.withQueue(request, directory) { queue in
                let total = try await queue.counts()[state] ?? 0
                let jobs = try await queue.jobs(in: state, range: start...(start + count - 1))
                return try QueueRouteSupport.encode(
                    Page(
                        queue: queue.name, state: state.rawValue, total: total, start: start, count: count,
                        jobs: jobs.map(JobJSON.Summary.init)))
            }
        }
        routes.get("/api/queues/:queueName/jobs/:jobId") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                let id = request.parameter("jobId") ?? ""
                guard let job = try await queue.job(id) else {
                    return QueueRouteSupport.unknownJob(id, queue: queue.name)
                }
                let state = try await queue.state(of: id)
                var logs = try await queue.logs(id, start: 0, end: logLines - 1, ascending: false)
                logs.lines.reverse()
                return try QueueRouteSupport.encode(JobJSON.Detail(job: job, state: state, logs: logs))
            }
        }
        routes.get("/api/queues/:queueName/schedulers") { request, _ in
            try await QueueRouteSupport.withQueue(request, directory) { queue in
                let schedulers = try await queue.jobSchedulers(range: 0...999, ascending: true)
                return try QueueRouteSupport.encode(
                    SchedulerList(queue: queue.name, schedulers: schedulers.map(JobJSON.Scheduler.init)))
            }
        }
    }

    /// `state`: one of ``listableStates`` (default `waiting`).
    static func state(_ text: String?) -> Result<JobState, QueueRouteSupport.BadParameter> {
        guard let text else { return .success(.waiting) }
        guard let state = JobState(rawValue: text), listableStates.contains(state) else {
            return .failure(
                QueueRouteSupport.BadParameter(
                    name: "state",
                    message: "state must be one of \(listableStates.map(\.rawValue).joined(separator: ", ")); "
                        + "got '\(text)'"))
        }
        return .success(state)
    }

    struct Page: Encodable {
        let queue: String
        let state: String
        let total: Int
        let start: Int
        let count: Int
        let jobs: [JobJSON.Summary]
    }

    struct SchedulerList: Encodable {
        let queue: String
        let schedulers: [JobJSON.Scheduler]
    }
}
