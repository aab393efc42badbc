import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `bin/maxctl` health, ai, queues and queue stats against a running monitoring-api and real Redis.
final class MaxctlMonitoringTests: XCTestCase {
    private func maxctl(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(
            SystemProcess.binary("maxctl"), arguments, environment: environment,
            removing: ["REDIS_URL", "QUEUE_PREFIX", "MAXCTL_API", "MAXCTL_TOKEN"], timeout: .seconds(30))
    }

    func testHealthExitsZeroOneTwoThreeForHealthyDegradedUnhealthyAndUnreachable() async throws {
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        _ = try redis.cli("HSET", "bull:inbox:meta", "opts.maxLenEvents", "10000")
        let server = try await MonitoringServerProcess(environment: ["REDIS_URL": redis.url, "MAX_WAITING_JOBS": "1"])
        let api = ["--api", server.baseURL, "--timeout", "5s"]
        _ = try await MonitoringPoll.until("healthy") {
            let result = try maxctl(["health"] + api)
            return (result.status == 0, result.stdout + result.stderr)
        }
        let healthy = try maxctl(["health", "--json"] + api)
        XCTAssertEqual(healthy.status, 0, healthy.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(healthy.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(document?["status"] as? String, "healthy")
        let nagios = try maxctl(["health", "--format", "nagios"] + api)
        XCTAssertEqual(nagios.status, 0)
        XCTAssertTrue(nagios.stdout.hasPrefix("MAXBOOSTER OK - healthy"), nagios.stdout)
        XCTAssertTrue(nagios.stdout.contains(" | queues=1 "), nagios.stdout)

        // Over a threshold: two ready jobs, MAX_WAITING_JOBS=1.
        _ = try redis.cli("RPUSH", "bull:inbox:wait", "1", "2")
        let degraded = try await MonitoringPoll.until("degraded → exit 1") {
            let result = try maxctl(["health", "--format", "nagios"] + api)
            return (result.status == 1, result.stdout + result.stderr)
        }
        XCTAssertTrue(degraded.hasPrefix("MAXBOOSTER WARNING - degraded"), degraded)
        let table = try maxctl(["health"] + api)
        XCTAssertEqual(table.status, 1)
        XCTAssertTrue(table.stdout.contains("maxWaitingJobs"), table.stdout)

        redis.send(signal: SIGKILL)
        let unhealthy = try await MonitoringPoll.until("unhealthy → exit 2") {
            let result = try maxctl(["health", "--format", "nagios"] + api)
            return (result.status == 2, result.stdout + result.stderr)
        }
        XCTAssertTrue(unhealthy.hasPrefix("MAXBOOSTER CRITICAL - unhealthy"), unhealthy)

        XCTAssertEqual(try server.terminate(), 0)
        let unreachable = try maxctl(["health", "--format", "nagios"] + api)
        XCTAssertEqual(unreachable.status, 3)
        XCTAssertTrue(
            unreachable.stdout.hasPrefix("MAXBOOSTER UNKNOWN - cannot reach monitoring-api"), unreachable.stdout)
        let badArguments = try maxctl(["health", "--format", "xml"])
        XCTAssertEqual(badArguments.status, 3)
        XCTAssertTrue(badArguments.stderr.contains("--format must be text or nagios"), badArguments.stderr)
    }

    func testHealthAndAiSendTheTokenAndExitThreeWithoutIt() async throws {
        let token = "tok-\(UUID().uuidString)"
        let server = try await MonitoringServerProcess(environment: [
            "REDIS_URL": try TestServices.redisURL(), "API_TOKEN": token,
        ])
        let withoutToken = try maxctl(["ai", "--api", server.baseURL])
        XCTAssertEqual(withoutToken.status, 3)
        XCTAssertTrue(withoutToken.stderr.contains("refused the token"), withoutToken.stderr)
        let ai = try maxctl(["ai", "--api", server.baseURL], environment: ["MAXCTL_TOKEN": token])
        XCTAssertEqual(ai.status, 0, ai.stderr)
        XCTAssertTrue(ai.stdout.contains("social"), ai.stdout)
        XCTAssertTrue(ai.stdout.contains("advertising"), ai.stdout)
        let json = try maxctl(["ai", "--json", "--api", server.baseURL, "--token", token])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((document?["social"] as? [String: Any])?["maxSize"] as? Int, 100)
        XCTAssertFalse(ai.stdout.contains(token) || ai.stderr.contains(token))
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testQueuesAndQueueStatsReadTheRealQueueStateFromRedis() async throws {
        let prefix = TestServices.uniqueName("ctl")
        let url = try TestServices.redisURL()
        let client = RedisClient(configuration: try RedisConfiguration(url: url))
        let queue = try Queue(name: "posts", client: client, configuration: .init(prefix: prefix))
        for index in 0..<4 { _ = try await queue.add("post", json: #"{"n":\#(index)}"#) }
        _ = try await queue.add("later", json: "{}", options: JobOptions(delay: 600_000))
        _ = try await queue.add("vip", json: "{}", options: JobOptions(priority: 1))
        try await queue.pause()
        await client.close()

        let common = ["--redis", url, "--prefix", prefix, "--window", "200ms", "--json"]
        let list = try maxctl(["queues"] + common)
        XCTAssertEqual(list.status, 0, list.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let samples = try XCTUnwrap(document["queues"] as? [[String: Any]])
        XCTAssertEqual(samples.map { $0["queue"] as? String }, ["posts"])
        let counts = try XCTUnwrap(samples[0]["counts"] as? [String: Int])
        XCTAssertEqual(
            counts,
            [
                "waiting": 4, "active": 0, "completed": 0, "failed": 0, "delayed": 1, "prioritized": 1,
                "waiting-children": 0,
            ])
        XCTAssertEqual(samples[0]["paused"] as? Bool, true)
        XCTAssertEqual(document["windowMs"] as? Int, 200)

        let stats = try maxctl(["queue", "stats", "posts"] + common)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        let sample = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((sample["counts"] as? [String: Int])?["waiting"], 4)
        XCTAssertNotNil(sample["oldestWaitingAgeMs"] as? Int)

        let table = try maxctl(["queues", "--redis", url, "--prefix", prefix, "--window", "100ms"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("posts"), table.stdout)
        XCTAssertTrue(table.stdout.contains("WAITING"), table.stdout)

        let unknown = try maxctl(["queue", "stats", "nope"] + common)
        XCTAssertEqual(unknown.status, 3)
        XCTAssertTrue(unknown.stderr.contains("queue 'nope'"), unknown.stderr)
        let down = try maxctl(["queues", "--redis", "redis://127.0.0.1:1", "--timeout", "1s"])
        XCTAssertEqual(down.status, 2)
        XCTAssertTrue(down.stderr.contains("127.0.0.1:1"), down.stderr)
    }
}
