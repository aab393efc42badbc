// queuecore-worker: one QueueCore worker as its own process, for QueueCore's own crash tests (SIGKILL,
// SIGSTOP) — test-only; the worker process people and the chaos suite run is `maxctl worker`, built from
// the same library types (`WorkerProcessOptions`, `WorkerEventLine`, `ScriptedJob`, `StopSignals`).
//
//   queuecore-worker --redis URL --queue NAME [--prefix bull] [--concurrency 1] [--lock-duration 30s]
//                    [--stalled-interval 30s] [--max-stalled-count 1] [--drain-delay 5s]
//
// The command line follows docs/cli.md (`CommandLineArguments`): `--flag value` or `--flag=value`, durations
// such as 500ms, 30s, 1.5s or bare milliseconds. Jobs run as `ScriptedJob` (their data's `sleepMs`, `fail`);
// stdout gets the `WorkerEventLine`s. SIGTERM or SIGINT closes gracefully; bad arguments exit 3.
import CommandLineArguments
import QueueCore
import RedisClient

#if canImport(Glibc)
import Glibc
#endif

func refuse(_ message: String) -> Never {
    let bytes = Array("queuecore-worker: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(UsageError.exitStatus)
}

let parsed: ParsedArguments
do {
    parsed = try ParsedArguments(
        Array(CommandLine.arguments.dropFirst()),
        valueOptions: WorkerProcessOptions.valueOptions.union(["redis", "queue", "prefix"]), flagOptions: [])
} catch {
    refuse("\(error)")
}
if parsed.help {
    print("usage: queuecore-worker --redis URL --queue NAME [--prefix bull]\n\(WorkerProcessOptions.help)")
    exit(0)
}
guard parsed.positionals.isEmpty else { refuse("unexpected argument '\(parsed.positionals[0])'") }
guard let queueName = parsed.value("queue"), let redisURL = parsed.value("redis") else {
    refuse("--redis and --queue are required")
}

let options: WorkerProcessOptions
do {
    options = try WorkerProcessOptions(value: parsed.value, duration: DurationText.parse)
} catch {
    refuse("\(error)")
}
let stops = StopSignals()
let client = RedisClient(configuration: try RedisConfiguration(url: redisURL))
var configuration = options.configuration(prefix: parsed.value("prefix") ?? "bull")
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
