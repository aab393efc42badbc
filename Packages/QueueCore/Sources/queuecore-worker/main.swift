// queuecore-worker: one QueueCore worker as its own process, for QueueCore's own crash tests (SIGKILL,
// SIGSTOP) — test-only; the worker process people and the chaos suite run is `maxctl worker`, built from
// the same library types (`WorkerProcessOptions`, `WorkerEventLine`, `ScriptedJob`, `StopSignals`).
//
//   queuecore-worker --redis URL --queue NAME [--prefix bull] [--concurrency 1] [--lock-duration 30000ms]
//                    [--stalled-interval 30000ms] [--max-stalled-count 1] [--drain-delay 5000ms]
//
// Durations here are `<n>ms` or `<n>s`. Jobs run as `ScriptedJob` (their data's `sleepMs`, `fail`); stdout
// gets the `WorkerEventLine`s. SIGTERM or SIGINT closes gracefully; bad arguments exit 64.
import QueueCore
import RedisClient

#if canImport(Glibc)
import Glibc
#endif

func refuse(_ message: String) -> Never {
    let bytes = Array("queuecore-worker: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(64)
}

var values: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    let name = flag.hasPrefix("--") ? String(flag.dropFirst(2)) : ""
    guard WorkerProcessOptions.valueOptions.union(["redis", "queue", "prefix"]).contains(name) else {
        refuse("unknown option \(flag)")
    }
    guard let value = arguments.next() else { refuse("\(flag) needs a value") }
    values[name] = value
}
guard let queueName = values["queue"], let redisURL = values["redis"] else {
    refuse("--redis and --queue are required")
}

let options: WorkerProcessOptions
do {
    options = try WorkerProcessOptions(value: { values[$0] }) { text in
        if text.hasSuffix("ms") { return Int(text.dropLast(2)).map(Duration.milliseconds) }
        return text.hasSuffix("s") ? Int(text.dropLast()).map(Duration.seconds) : nil
    }
} catch {
    refuse("\(error)")
}
let stops = StopSignals()
let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
var configuration = options.configuration(prefix: values["prefix"] ?? "bull")
configuration.onEvent = { WorkerEventLine($0).write() }
let processor = ScriptedJob()
let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { job in
    WorkerEventLine.active(jobId: job.id, attempt: job.currentAttempt).write()
    return try await processor.process(job)
}
worker.start()
WorkerEventLine.ready(pid: getpid()).write()
_ = await stops.first()
await worker.close()
await client.close()
WorkerEventLine.closed.write()
