import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// monitoring-api keeps answering when its Redis goes away (health 503 with the reason, within the
/// endpoints' timeout) and becomes healthy again by itself when Redis returns. The Redis is the test's
/// own throwaway instance, killed and restarted here.
final class MonitoringRedisOutageTests: XCTestCase {
    func testKilledRedisGives503WithinTheTimeoutAndItsReturnHealsWithoutARestart() async throws {
        let redis = try ThrowawayRedis(appendOnly: true)
        defer { redis.stop() }
        _ = try redis.cli("HSET", "bull:jobs:meta", "opts.maxLenEvents", "10000")
        _ = try redis.cli("RPUSH", "bull:jobs:wait", "1")
        let server = try await MonitoringServerProcess(environment: ["REDIS_URL": redis.url])
        _ = try await MonitoringPoll.until("healthy with Redis up") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200 && body["status"] as? String == "healthy", body)
        }

        redis.send(signal: SIGKILL)
        let down = try await MonitoringPoll.until("system-health 503 after Redis was killed") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 503, body)
        }
        XCTAssertEqual(down["status"] as? String, "unhealthy")
        let queues = try XCTUnwrap((down["components"] as? [String: Any])?["queues"] as? [String: Any])
        let reason = try XCTUnwrap(queues["reason"] as? String)
        XCTAssertTrue(reason.contains("127.0.0.1:\(redis.port)"), reason)

        // Every endpoint answers, quickly, while Redis is down (the HTTP client would time out at 10 s).
        let clock = ContinuousClock()
        for (path, expected) in [
            ("/api/monitoring/system-health", 503), ("/api/monitoring/queue-health", 503),
            ("/api/monitoring/queue-metrics", 503), ("/api/monitoring/ai-models", 200), ("/metrics", 200),
            ("/readyz", 503), ("/livez", 200),
        ] {
            let started = clock.now
            let response = try await server.get(path)
            XCTAssertEqual(response.status, expected, "\(path): \(response.text)")
            XCTAssertLessThan(clock.now - started, .seconds(5), path)
        }
        let metrics = try await server.get("/metrics")
        XCTAssertTrue(metrics.text.contains("maxbooster_redis_up 0"), metrics.text)

        try redis.restart()
        _ = try await MonitoringPoll.until("healthy again after Redis came back") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200 && body["status"] as? String == "healthy", body)
        }
        let readyz = try await server.get("/readyz")
        XCTAssertEqual(readyz.status, 200)
        let events = server.logLines.compactMap { $0["event"] as? String }
        XCTAssertTrue(events.contains("collection.failed"), "\(events)")
        XCTAssertTrue(events.contains("collection.recovered"), "\(events)")
        XCTAssertEqual(try server.terminate(), 0)
    }

    func testStoppedRedisStillGetsAnAnswerWithinTheTimeout() async throws {
        let redis = try ThrowawayRedis()
        defer {
            redis.send(signal: SIGCONT)
            redis.stop()
        }
        let server = try await MonitoringServerProcess(environment: ["REDIS_URL": redis.url])
        _ = try await MonitoringPoll.until("healthy with Redis up") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200, body)
        }
        // A frozen Redis accepts nothing and answers nothing: only the bounded waits save the API.
        redis.send(signal: SIGSTOP)
        let clock = ContinuousClock()
        let down = try await MonitoringPoll.until("system-health 503 while Redis is frozen") {
            let started = clock.now
            let (status, body) = try await server.json("/api/monitoring/system-health")
            XCTAssertLessThan(clock.now - started, .seconds(5))
            return (status == 503, body)
        }
        XCTAssertEqual(down["healthy"] as? Bool, false)
        let started = clock.now
        let readyz = try await server.get("/readyz")
        XCTAssertEqual(readyz.status, 503)
        XCTAssertLessThan(clock.now - started, .seconds(5))
        redis.send(signal: SIGCONT)
        _ = try await MonitoringPoll.until("healthy again after SIGCONT") {
            let (status, body) = try await server.json("/api/monitoring/system-health")
            return (status == 200, body)
        }
        XCTAssertEqual(try server.terminate(), 0)
    }
}
