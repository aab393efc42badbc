// `redis-bench`: SET throughput of RedisClient, shaped like `redis-benchmark -t set -c C [-P P]`, so
// `scripts/bench-redis.sh` can print both side by side. Prints one line: `<mode> <requests/s>`.
//
//   redis-bench --url redis://127.0.0.1:6379 --clients 50 --pipeline 16 --requests 1000000 [--pool]
//
// Default: C dedicated connections, each driven by one task with one command (or one P-deep pipeline)
// outstanding at a time, as redis-benchmark does. `--pool`: C tasks share one client of C pooled
// connections instead (the way application code uses the client). `--executor`: the tasks run on the
// client's event-loop thread (`RedisClient.taskExecutor`) instead of the cooperative pool.
import Foundation
import RedisClient
import Synchronization

struct Options {
    var url = "redis://127.0.0.1:6379"
    var clients = 50
    var pipeline = 1
    var requests = 200_000
    var pool = false
    var executor = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--url": url = iterator.next() ?? url
            case "--clients": clients = iterator.next().flatMap { Int($0) } ?? clients
            case "--pipeline": pipeline = iterator.next().flatMap { Int($0) } ?? pipeline
            case "--requests": requests = iterator.next().flatMap { Int($0) } ?? requests
            case "--pool": pool = true
            case "--executor": executor = true
            case "--help":
                print(
                    "usage: redis-bench [--url URL] [--clients 50] [--pipeline 1] [--requests 200000] [--pool] [--executor]"
                )
                exit(0)
            default:
                FileHandle.standardError.write(Data("unknown option \(flag); see --help\n".utf8))
                exit(2)
            }
        }
    }
}

/// Runs `clients` tasks until `requests` SETs are acknowledged; returns requests per second.
func run(_ options: Options) async throws -> Double {
    let client = RedisClient(
        configuration: try RedisConfiguration(url: options.url, poolSize: options.pool ? options.clients : 1))
    let command = ["SET", "key:__rand_int__", "xxx"]
    let batch = Array(repeating: command, count: options.pipeline)
    let connections = options.pool ? [] : (0..<options.clients).map { _ in client.makeDedicatedConnection() }
    // Connect everything first, as redis-benchmark does before it starts the clock.
    for connection in connections { try await connection.send("PING") }
    for _ in 0..<options.clients { try await client.send("PING") }
    let remaining = Remaining(options.requests)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<options.clients {
            let connection = connections.isEmpty ? nil : connections[index]
            group.addTask(executorPreference: options.executor ? client.taskExecutor : nil) {
                while remaining.take(options.pipeline) {
                    switch (connection, options.pipeline) {
                    case (let connection?, 1): _ = try await connection.send(command)
                    case (let connection?, _): _ = try await connection.pipeline(batch)
                    case (nil, 1): _ = try await client.send(command)
                    case (nil, _): _ = try await client.pipeline(batch)
                    }
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    for connection in connections { await connection.close() }
    await client.close()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(options.requests) / seconds
}

/// The requests not yet claimed by a task, shared by all tasks.
final class Remaining: Sendable {
    private let count: Atomic<Int>
    init(_ count: Int) { self.count = Atomic(count) }
    /// Claims `amount` requests; false once none are left.
    func take(_ amount: Int) -> Bool { count.subtract(amount, ordering: .relaxed).oldValue > 0 }
}

let options = Options(CommandLine.arguments)
do {
    let rate = try await run(options)
    print(
        "\(options.pool ? "pool" : "dedicated")\(options.executor ? "+executor" : "") \(String(format: "%.0f", rate))")
} catch {
    FileHandle.standardError.write(Data("redis-bench: \(error)\n".utf8))
    exit(1)
}
