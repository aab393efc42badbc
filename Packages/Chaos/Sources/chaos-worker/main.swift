// chaos-worker: one QueueCore worker as its own process, recording every attempt to Postgres for the
// chaos suite's accounting (the `maxctl worker --record-to` behaviour, until maxctl has it).
//
//   chaos-worker --redis URL --queue NAME --record-to DATABASE_URL [--prefix bull] [--concurrency 1]
//                [--lock-ms 30000] [--stalled-ms 30000] [--max-stalled 1] [--drain-ms 1000] [--job-ms 0]
//
// A job's data may carry `sleepMs` (processing time) and `fail` (throw on every attempt). The processor
// appends `started` on entry and `completed` just before it returns. stdout gets one line per event, written
// unbuffered: `ready`, `active <id>`, `completed <id>`, `failed <id> <reason>`, `lockLost <id>`, `stalled <ids>`.
import Chaos
import Foundation
import QueueCore
import RedisClient

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var redis = ProcessInfo.processInfo.environment["REDIS_URL"] ?? ""
    var recordTo = ""
    var queue = ""
    var prefix = "bull"
    var concurrency = 1
    var lockMs = 30_000
    var stalledMs = 30_000
    var maxStalled = 1
    var drainMs = 1_000
    var jobMs = 0

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--redis": redis = value
            case "--record-to": recordTo = value
            case "--queue": queue = value
            case "--prefix": prefix = value
            case "--concurrency": concurrency = Int(value) ?? concurrency
            case "--lock-ms": lockMs = Int(value) ?? lockMs
            case "--stalled-ms": stalledMs = Int(value) ?? stalledMs
            case "--max-stalled": maxStalled = Int(value) ?? maxStalled
            case "--drain-ms": drainMs = Int(value) ?? drainMs
            case "--job-ms": jobMs = Int(value) ?? jobMs
            default: fail("unknown option \(flag)")
            }
        }
        if queue.isEmpty || redis.isEmpty || recordTo.isEmpty { fail("--queue, --redis and --record-to are required") }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chaos-worker: \(message)\n".utf8))
    exit(64)
}

/// One unbuffered line on stdout, so a reader sees it even if we are SIGKILLed right after.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct JobData: Decodable {
    var sleepMs: Int?
    var fail: Bool?
}

struct Outcome: Encodable {
    var pid: Int32
}

struct AskedToFail: Error, CustomStringConvertible {
    var attempt: Int
    var description: String { "chaos: asked to fail (attempt \(attempt))" }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let log = try AttemptLog(url: options.recordTo)
try await log.prepare()
let client = RedisClient(configuration: try RedisConfiguration(url: options.redis))
let pid = getpid()
let queueName = options.queue
let jobMs = options.jobMs
let configuration = Worker.Configuration(
    prefix: options.prefix, concurrency: options.concurrency, lockDuration: .milliseconds(options.lockMs),
    stalledInterval: .milliseconds(options.stalledMs), maxStalledCount: options.maxStalled,
    drainDelay: .milliseconds(options.drainMs),
    onEvent: { event in
        switch event {
        case .completed(let id, _): say("completed \(id)")
        case .failed(let id, let reason, _, _): say("failed \(id) \(reason)")
        case .lockLost(let id): say("lockLost \(id)")
        case .stalled(let ids): say("stalled \(ids.joined(separator: ","))")
        case .error(let text): say("error \(text)")
        }
    })
let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { job in
    let attempt = max(job.attemptsStarted, job.attemptsMade + 1)
    say("active \(job.id) \(attempt)")
    try await log.record(AttemptRecord(queue: queueName, jobId: job.id, attempt: attempt, pid: pid, kind: .started))
    let data = (try? job.decodeData(JobData.self)) ?? JobData()
    let sleep = data.sleepMs ?? jobMs
    if sleep > 0 { try await Task.sleep(for: .milliseconds(sleep)) }
    if data.fail == true { throw AskedToFail(attempt: attempt) }
    try await log.record(AttemptRecord(queue: queueName, jobId: job.id, attempt: attempt, pid: pid, kind: .completed))
    return Outcome(pid: pid)
}

signal(SIGTERM, SIG_IGN)
let termination = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
termination.setEventHandler {
    Task {
        await worker.close()
        await client.close()
        log.close()
        say("closed")
        exit(0)
    }
}
termination.resume()
worker.start()
say("ready \(pid)")
// Park the main task forever; the signal handler exits.
while true { try await Task.sleep(for: .seconds(3600)) }
