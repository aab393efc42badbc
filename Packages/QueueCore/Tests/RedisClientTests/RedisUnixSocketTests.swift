import Foundation
import PrivateServices
import QueueCoreTestSupport
import RedisClient
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `unix:///path` URLs, against a redis-server of the test's own listening only on a Unix socket.
final class RedisUnixSocketTests: XCTestCase {
    func testConnectsOverAUnixSocketAndSelectsTheDatabase() async throws {
        guard
            let executable = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            if TestServices.isCI { XCTFail("redis-server is not installed: run `make deps`") }
            throw XCTSkip("redis-server is not installed")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            TestServices.uniqueName("redis-unix")
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let socketPath = "\(directory)/redis.sock"
        // Daemonized (not our child), so no process reaping is involved; stopped by its pid file.
        let started = try await offPool {
            try CommandRunner.run(
                executable,
                [
                    "--port", "0", "--unixsocket", socketPath, "--dir", directory, "--save", "", "--appendonly", "no",
                    "--daemonize", "yes", "--pidfile", "\(directory)/redis.pid", "--logfile", "\(directory)/redis.log",
                ], timeout: .seconds(20))
        }
        XCTAssertEqual(started.status, 0, started.stderr)
        defer {
            if let text = try? String(contentsOfFile: "\(directory)/redis.pid", encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                kill(pid, SIGKILL)
            }
            try? FileManager.default.removeItem(atPath: directory)
        }
        let listening = await eventually(timeout: .seconds(10)) {
            FileManager.default.fileExists(atPath: socketPath)
                && FileManager.default.fileExists(atPath: "\(directory)/redis.pid")
        }
        XCTAssertTrue(listening, "redis-server did not create \(socketPath)")

        let redis = RedisClient(configuration: try RedisConfiguration(url: "unix://\(socketPath)?db=2"))
        let info = try await redis.send("CLIENT", "INFO")
        XCTAssertTrue(info.string?.contains(" db=2 ") == true, info.string ?? "")
        let pong = try await redis.send("PING")
        XCTAssertEqual(pong, .simpleString("PONG"))
        await redis.close()

        let missing = RedisClient(configuration: try RedisConfiguration(url: "unix://\(directory)/absent.sock"))
        let error = await expectRedisError(.connectFailed) { try await missing.send("PING") }
        XCTAssertTrue(
            error?.description.contains("unix:\(directory)/absent.sock") == true, "\(String(describing: error))")
        await missing.close()
    }
}
