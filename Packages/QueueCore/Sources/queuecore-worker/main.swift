// queuecore-worker: runs one QueueCore worker as its own process, for crash tests (SIGKILL, SIGSTOP) and as the
// base of `maxctl worker`.
//
//   queuecore-worker --redis URL --queue NAME [--prefix bull] [--concurrency 1] [--lock-ms 30000]
//                    [--stalled-ms 30000] [--drain-ms 5000] [--job-ms 0]
//
// Each job sleeps for its data's `sleepMs` (else --job-ms) and returns {"pid": <pid>, "worker": <id>}.
// stdout gets one flushed line per event: `ready`, `active <id>`, `completed <id>`, `failed <id>`,
// `lockLost <id>`, `stalled <ids>`, `error <text>`. SIGTERM closes gracefully.
import Foundation
import QueueCore
import RedisClient
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var redis = ProcessInfo.processInfo.environment["REDIS_URL"] ?? "redis://127.0.0.1:6379"
    var queue = ""
    var prefix = "bull"
    var concurrency = 1
    var lockMs = 30_000
    var stalledMs = 30_000
    var drainMs = 5_000
    var jobMs = 0

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--redis": redis = value
            case "--queue": queue = value
            case "--prefix": prefix = value
            case "--concurrency": concurrency = Int(value) ?? 1
            case "--lock-ms": lockMs = Int(value) ?? lockMs
            case "--stalled-ms": stalledMs = Int(value) ?? stalledMs
            case "--drain-ms": drainMs = Int(value) ?? drainMs
            case "--job-ms": jobMs = Int(value) ?? 0
            default:
                FileHandle.standardError.write(Data("queuecore-worker: unknown option \(flag)\n".utf8))
                exit(64)
            }
        }
    }
}

/// Writes one line straight to fd 1 (unbuffered), so a test reading the output sees it before a SIGKILL.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct SleepData: Decodable {
    var sleepMs: Int?
}

struct Result: Encodable {
    var pid: Int32
    var worker: String
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
guard !options.queue.isEmpty else {
    FileHandle.standardError.write(Data("queuecore-worker: --queue is required\n".utf8))
    exit(64)
}

let client = RedisClient(configuration: try RedisConfiguration(url: options.redis))
let configuration = Worker.Configuration(
    prefix: options.prefix, concurrency: options.concurrency, lockDuration: .milliseconds(options.lockMs),
    stalledInterval: .milliseconds(options.stalledMs), drainDelay: .milliseconds(options.drainMs),
    onEvent: { event in
        switch event {
        case .completed(let id, _): say("completed \(id)")
        case .failed(let id, let reason, _, _): say("failed \(id) \(reason)")
        case .lockLost(let id): say("lockLost \(id)")
        case .stalled(let ids): say("stalled \(ids.joined(separator: ","))")
        case .error(let text): say("error \(text)")
        }
    })
let jobMs = options.jobMs
let pid = getpid()
let workerBox = Mutex<String>("")
let worker = try Worker(queueName: options.queue, client: client, configuration: configuration) { job in
    say("active \(job.id)")
    let sleep = (try? job.decodeData(SleepData.self))?.sleepMs ?? jobMs
    if sleep > 0 { try await Task.sleep(for: .milliseconds(sleep)) }
    return Result(pid: pid, worker: workerBox.withLock { $0 })
}
workerBox.withLock { $0 = worker.id }

signal(SIGTERM, SIG_IGN)
let termination = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
termination.setEventHandler {
    Task {
        await worker.close()
        await client.close()
        say("closed")
        exit(0)
    }
}
termination.resume()
worker.start()
say("ready")
dispatchMain()
