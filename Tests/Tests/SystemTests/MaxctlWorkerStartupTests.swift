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
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let worker = try SystemProcess.spawn(
            "maxctl",
            ["worker", queue, "--processor", "noop", "--redis", redis.url, "--events", "--wait-for-redis", "30s"],
            outputPath: outputPath)
        defer { _ = kill(worker, SIGKILL) }
        // Still waiting, not exited, while Redis is down.
        try await Task.sleep(for: .milliseconds(600))
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
