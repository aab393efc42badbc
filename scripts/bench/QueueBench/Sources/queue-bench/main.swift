// queue-bench: measures the Swift queue engine on a Redis, printing one JSON line per scenario.
//
//   queue-bench <redis-url> <jobs> [scenario...]
//
// Scenarios: add-single, add-bulk, add-flow (flows of 1 parent + 100 children, one FlowProducer.add each; jobs
// counts every job of them), process-1, process-10, process-50, process-50-keep (retention off: jobs kept
// in completed; the others remove completed jobs at once). Processing runs fill the queue with addBulk first, then
// time first to last completion. During processing, Redis's own CPU per job comes from INFO commandstats
// (CONFIG RESETSTAT before the run), so `1e6 / redisUsecPerJob` is what one Redis core allows.
import Foundation
import QueueCore
import RedisClient
import Synchronization

let arguments = CommandLine.arguments
guard arguments.count >= 3, let total = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: queue-bench <redis-url> <jobs> [scenario...]\n".utf8))
    exit(64)
}
let url = arguments[1]
let scenarios =
    arguments.count > 3
    ? Array(arguments.dropFirst(3))
    : ["add-single", "add-bulk", "add-flow", "process-1", "process-10", "process-50", "process-50-keep"]
let client = RedisClient(configuration: try RedisConfiguration(url: url, poolSize: 8))

func report(_ scenario: String, jobs: Int, seconds: Double, extra: [String: Double] = [:]) {
    var fields: [String: Any] = [
        "engine": "swift", "scenario": scenario, "jobs": jobs, "seconds": seconds,
        "jobsPerSecond": Double(jobs) / seconds,
    ]
    for (key, value) in extra { fields[key] = value }
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// Total Redis CPU microseconds spent in commands since the last CONFIG RESETSTAT.
func redisCommandMicroseconds() async throws -> Double {
    let text = try await client.send("INFO", "commandstats").string ?? ""
    var total = 0.0
    for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
        guard let usec = line.split(separator: ",").first(where: { $0.hasPrefix("usec=") }) else { continue }
        total += Double(usec.dropFirst(5)) ?? 0
    }
    return total
}

let data = #"{"n":1}"#
for scenario in scenarios {
    let queue = try Queue(name: "bench-swift-\(scenario)-\(UUID().uuidString.prefix(6))", client: client)
    let clock = ContinuousClock()
    switch scenario {
    case "ping":
        // The client's floor: one awaited round trip per call, no script.
        let start = clock.now
        for _ in 0..<total { _ = try await client.send("PING") }
        let elapsed = clock.now - start
        report(
            scenario, jobs: total,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    case "add-single":
        let start = clock.now
        for _ in 0..<total { _ = try await queue.add("noop", json: data) }
        let elapsed = clock.now - start
        report(
            scenario, jobs: total,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    case "add-bulk":
        let start = clock.now
        var added = 0
        while added < total {
            let batch = min(1000, total - added)
            _ = try await queue.addBulk((0..<batch).map { _ in Queue.NewJob(name: "noop", json: data) })
            added += batch
        }
        let elapsed = clock.now - start
        report(
            scenario, jobs: total,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    case "add-flow":
        let producer = try FlowProducer(client: client)
        let children = (0..<100).map { _ in FlowJob(name: "noop", queueName: queue.name, json: data) }
        let flows = max(1, total / 101)
        _ = try await client.send("CONFIG", "RESETSTAT")
        let start = clock.now
        for _ in 0..<flows {
            try await producer.add(FlowJob(name: "parent", queueName: queue.name, json: data, children: children))
        }
        let elapsed = clock.now - start
        let redisMicroseconds = try await redisCommandMicroseconds()
        report(
            scenario, jobs: flows * 101,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            extra: ["redisUsecPerJob": redisMicroseconds / Double(flows * 101)])
    default:
        let parts = scenario.split(separator: "-")
        guard parts.count >= 2, parts[0] == "process", let concurrency = Int(parts[1]) else {
            FileHandle.standardError.write(Data("unknown scenario \(scenario)\n".utf8))
            exit(64)
        }
        let keep = scenario.hasSuffix("-keep")
        let options = JobOptions(removeOnComplete: keep ? .all : KeepJobs.none)
        var added = 0
        while added < total {
            let batch = min(1000, total - added)
            _ = try await queue.addBulk(
                (0..<batch).map { _ in Queue.NewJob(name: "noop", json: data, options: options) })
            added += batch
        }
        _ = try await client.send("CONFIG", "RESETSTAT")
        let times = Mutex<(first: ContinuousClock.Instant?, last: ContinuousClock.Instant?, count: Int)>((nil, nil, 0))
        let configuration = Worker.Configuration(
            concurrency: concurrency, drainDelay: .milliseconds(200), metricsMaxDataPoints: 20160,
            onEvent: { event in
                guard case .completed = event else { return }
                let now = ContinuousClock.now
                times.withLock { state in
                    if state.first == nil { state.first = now }
                    state.last = now
                    state.count += 1
                }
            })
        let worker = try Worker(queueName: queue.name, client: client, configuration: configuration) { _ in 0 }
        worker.start()
        let deadline = clock.now + .seconds(600)
        // Redis's own completed counter ends the run (the events only time it), so a missed event cannot hang it.
        while try await queue.metrics(.completed).count < total && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        await worker.close()
        let (first, last, count) = times.withLock { $0 }
        let elapsed = (last ?? clock.now) - (first ?? clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let redisMicroseconds = try await redisCommandMicroseconds()
        report(
            scenario, jobs: count, seconds: seconds,
            extra: ["redisUsecPerJob": redisMicroseconds / Double(max(count, 1)), "concurrency": Double(concurrency)])
    }
    try await queue.obliterate(force: true)
}
await client.close()
