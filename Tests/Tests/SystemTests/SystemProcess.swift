import Foundation
import PrivateServices
import QueueCoreTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Where the system tests find the repository's release binaries (`bin/`, built by `make build`).
enum SystemProcess {
    /// The repository root (this file is Tests/Tests/SystemTests/SystemProcess.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The path of `bin/<name>`; throws with the fix when it has not been built (the test fails).
    static func binary(_ name: String) throws -> String {
        let path = repositoryRoot.appendingPathComponent("bin/\(name)").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingBinary(description: "bin/\(name) is missing: run `make build` first (make test does)")
        }
        return path
    }

    /// Starts `bin/<name>` with `arguments` (this process's environment; stdout to `outputPath`, stderr
    /// dropped) with `ChildProcess`; returns its pid.
    static func spawn(_ name: String, _ arguments: [String], outputPath: String = "/dev/null") throws -> Int32 {
        try ChildProcess.spawn([try binary(name)] + arguments, logPath: outputPath, errorPath: "/dev/null")
    }

    /// Sends `signal` to the child `pid` and waits for its exit status, as `waitForExit` does.
    static func stop(_ pid: Int32, signal: Int32, timeout: Duration = .seconds(15)) async throws -> Int32? {
        kill(pid, signal)
        return try await waitForExit(pid, timeout: timeout)
    }

    /// Waits (at most `timeout`, without blocking the pool) for the child `pid` to exit and returns its status;
    /// nil when it still runs then (it is SIGKILLed and reaped, and the caller fails the test).
    static func waitForExit(_ pid: Int32, timeout: Duration) async throws -> Int32? {
        var status: Int32?
        _ = await eventually(timeout: timeout) {
            status = ChildProcess.reap(pid)
            return status != nil
        }
        if status == nil {
            kill(pid, SIGKILL)
            _ = try await offPool { ChildProcess.waitForExit(pid, timeout: .seconds(10)) }
        }
        return status
    }
}

/// A binary the system tests need has not been built.
struct MissingBinary: Error, CustomStringConvertible {
    let description: String
}
