import QueueCore

/// The JSON shapes of jobs and schedulers in the console API. The job's own JSON texts (data, options, return value,
/// progress) are embedded as JSON, not as strings; text that is not JSON is embedded as a string.
enum JobJSON {
    /// A job in a list (`GET /api/queues/{queueName}/jobs`).
    struct Summary: Encodable {
        let id: String
        let name: String
        let timestamp: Int64
        let processedOn: Int64?
        let finishedOn: Int64?
        let attemptsMade: Int
        let failedReason: String?
        let progress: JSONValue?
        let delay: Int
        let priority: Int

        init(_ job: Job) {
            id = job.id
            name = job.name
            timestamp = job.timestamp
            processedOn = job.processedOn
            finishedOn = job.finishedOn
            attemptsMade = job.attemptsMade
            failedReason = job.failedReason
            progress = job.progress.map(JobJSON.embedded)
            delay = job.delay
            priority = job.priority
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(id, forKey: "id")
            try container.encode(name, forKey: "name")
            try container.encode(timestamp, forKey: "timestamp")
            try container.encode(processedOn, forKey: "processedOn")
            try container.encode(finishedOn, forKey: "finishedOn")
            try container.encode(attemptsMade, forKey: "attemptsMade")
            try container.encode(failedReason, forKey: "failedReason")
            try container.encode(progress ?? .null, forKey: "progress")
            try container.encode(delay, forKey: "delay")
            try container.encode(priority, forKey: "priority")
        }
    }

    /// One job whole (`GET /api/queues/{queueName}/jobs/{jobId}`).
    struct Detail: Encodable {
        let job: Job
        let state: JobState
        let logs: Queue.JobLogs

        func encode(to encoder: any Encoder) throws {
            try Summary(job).encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(state.rawValue, forKey: "state")
            try container.encode(embedded(job.data), forKey: "data")
            try container.encode(embedded(job.fields["opts"] ?? "{}"), forKey: "opts")
            try container.encode(job.attemptsStarted, forKey: "attemptsStarted")
            try container.encode(job.stalledCounter, forKey: "stalledCounter")
            try container.encode(job.stacktrace, forKey: "stacktrace")
            try container.encode(job.returnValue.map(embedded) ?? .null, forKey: "returnvalue")
            try container.encode(job.parent.map { Parent(id: $0.id, queueKey: $0.queueKey) }, forKey: "parent")
            try container.encode(Logs(count: logs.count, lines: logs.lines), forKey: "logs")
        }

        struct Parent: Encodable {
            let id: String
            let queueKey: String
        }

        struct Logs: Encodable {
            let count: Int
            let lines: [String]
        }
    }

    /// A job scheduler (`GET /api/queues/{queueName}/schedulers`): its rule (`pattern` or `every`), when it runs next
    /// and how many iterations it made; absent settings are null.
    struct Scheduler: Encodable {
        let scheduler: JobScheduler

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            let rule = scheduler.rule
            try container.encode(scheduler.id, forKey: "id")
            try container.encode(scheduler.name, forKey: "name")
            try container.encode(rule.pattern, forKey: "pattern")
            try container.encode(rule.every, forKey: "every")
            try container.encode(rule.tz, forKey: "tz")
            try container.encode(rule.offset, forKey: "offset")
            try container.encode(rule.limit, forKey: "limit")
            try container.encode(rule.startDate, forKey: "startDate")
            try container.encode(rule.endDate, forKey: "endDate")
            try container.encode(scheduler.next, forKey: "next")
            try container.encode(scheduler.iterationCount ?? 0, forKey: "iterations")
            try container.encode(embedded(scheduler.templateData ?? "{}"), forKey: "data")
        }
    }

    /// A coding key from a string literal.
    struct Key: CodingKey, ExpressibleByStringLiteral {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        init(stringLiteral value: String) { stringValue = value }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// `text` as a JSON value: parsed when it is JSON, else the text itself as a string.
    static func embedded(_ text: String) -> JSONValue {
        (try? JSONValue.parse(text)) ?? .string(text)
    }
}
