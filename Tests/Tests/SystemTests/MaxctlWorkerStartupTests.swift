import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `bin/maxctl worker` starting while Redis is away: with `--wait-for-redis` it waits and starts once Redis is
/// back; without it, it exits 2 at once, naming Redis.
final class MaxctlWorkerStartupTests: XCTestCase {
    func testAWorkerStartedWhileRedisIsDownWaitsAndStartsWhenRedisIsBack() async throws {
        let redis = try await offPool { try ThrowawayRedis(appendOnly: true) }
        defer { redis.stop() }
        let queue = TestServices.uniqueName("startup")
        try await offPool { redis.send(signal: SIGKILL) }

        let refused = try await offPool {
            try CommandRunner.run(
                try SystemProcess.binary("maxctl"), ["worker", queue, "--processor", "noop", "--redis", redis.url],
                timeout: .seconds(30))
        }
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("cannot reach Redis"), refused.stderr)

        let outputPath = NSTemporaryDirectory() + "\(queue)-worker.out"
        let errorPath = NSTemporaryDirectory() + "\(queue)-worker.err"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let worker = try ChildProcess.spawn(
            [
                try SystemProcess.binary("maxctl"), "worker", queue, "--processor", "noop", "--redis", redis.url,
                "--events", "--wait-for-redis", "30s",
            ], logPath: outputPath, errorPath: errorPath)
        defer { _ = kill(worker, SIGKILL) }
        // It says it waits, and waits: still running, not ready, while Redis is down.
        _ = try await MonitoringPoll.until("the worker says it waits for Redis") {
            let text = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            return (text.contains("waiting for Redis"), text)
        }
        XCTAssertEqual(kill(worker, 0), 0, "the worker exited instead of waiting")
        XCTAssertFalse((try? String(contentsOfFile: outputPath, encoding: .utf8))?.contains("ready") ?? false)
        try await offPool { try redis.restart() }
        _ = try await MonitoringPoll.until("the worker is ready once Redis is back") {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            return (text.contains("ready \(worker)"), text)
        }
        let status = try await SystemProcess.stop(worker, signal: SIGTERM)
        XCTAssertEqual(status, 0)
    }
}
