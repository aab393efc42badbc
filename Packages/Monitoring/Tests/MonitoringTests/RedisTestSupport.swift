import Foundation
import PrivateServices
import RedisClient
import XCTest

@testable import Monitoring

/// Writes BullMQ-layout keys directly (BullMQ's layout, as QueueCore writes it), so the collector
/// is tested against what real BullMQ writes without needing a producer.
struct BullMQKeys {
    let redis: RedisClient
    let prefix: String
    let queue: String

    func key(_ suffix: String) -> String { "\(prefix):\(queue):\(suffix)" }

    func run(_ commands: [[String]]) async throws {
        for result in try await redis.pipeline(commands) {
            if case .failure(let error) = result { throw error }
        }
    }

    /// A job hash with a creation timestamp (and processing times when finished).
    func job(_ id: String, timestamp: Int64, processedOn: Int64? = nil, finishedOn: Int64? = nil) -> [String] {
        var command = ["HSET", key(id), "name", "test", "data", "{}", "opts", "{}", "timestamp", String(timestamp)]
        if let processedOn { command += ["processedOn", String(processedOn)] }
        if let finishedOn { command += ["finishedOn", String(finishedOn)] }
        return command
    }

    /// The meta hash every queue gets on its first add (what discovery looks for).
    var meta: [String] { ["HSET", key("meta"), "opts.maxLenEvents", "10000"] }
}

/// Test helpers for the Redis-backed tests.
enum RedisTests {
    static func client(url: String, timeout: Duration = .seconds(2)) throws -> RedisClient {
        RedisClient(
            configuration: try RedisConfiguration(
                url: url, connectTimeout: timeout, commandTimeout: timeout, poolSize: 2))
    }

    static func configuration(
        url: String, prefix: String, queues: [String]?, _ change: (inout MonitoringConfiguration) -> Void = { _ in }
    )
        -> MonitoringConfiguration
    {
        var configuration = MonitoringConfiguration(
            redisURL: url, queuePrefix: prefix, queues: queues, monitorInterval: .seconds(60))
        change(&configuration)
        return configuration
    }

    static func quietLogger() -> StructuredLogger { StructuredLogger(minimumLevel: .error) { _ in } }

    static var nowMs: Int64 { MonitoringJSON.nowMilliseconds() }
}

/// Base of the tests that run a ``QueueMonitor`` against Redis: a client, a fresh prefix per test, and a
/// monitor factory with a 60 s interval (tests collect by hand).
class MonitorTestCase: XCTestCase {
    var url = ""
    var redis: RedisClient!
    var prefix = ""

    override func setUp() async throws {
        url = try TestServices.redisURL()
        redis = try RedisTests.client(url: url)
        prefix = TestServices.uniqueName("mon")
    }

    override func tearDown() async throws {
        await redis?.close()
    }

    /// A monitor of `queues` (nil: discover) under the test's prefix, through `client` (default: the test's).
    func monitor(
        queues: [String]?, client: RedisClient? = nil, sink: any AlertSink = RecordingAlertSink(),
        _ change: (inout MonitoringConfiguration) -> Void = { _ in }
    ) -> QueueMonitor {
        QueueMonitor(
            configuration: RedisTests.configuration(url: url, prefix: prefix, queues: queues, change),
            client: client ?? redis, sink: sink, logger: RedisTests.quietLogger())
    }
}
