import Foundation
import PrivateServices
import QueueCore
import XCTest

#if canImport(Glibc)
import Glibc
#endif

struct MissingExecutable: Error, CustomStringConvertible {
    let path: String
    var description: String { "\(path) is missing: build the package with `swift build --build-tests` first" }
}

/// A `queuecore-worker` child process (started with `ChildProcess`) whose `WorkerEventLine`s a test can wait for.
final class WorkerProcess {
    let pid: Int32
    private let outputPath: String

    /// Starts the worker executable built beside the test bundle.
    init(redisURL: String, queue: String, arguments: [String]) throws {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable = directory.appendingPathComponent("queuecore-worker")
        if !FileManager.default.fileExists(atPath: executable.path) {
            executable = directory.deletingLastPathComponent().appendingPathComponent("queuecore-worker")
        }
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        outputPath = NSTemporaryDirectory() + "queuecore-worker-\(UUID().uuidString).out"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        // stderr goes to the same file: a worker's complaint shows in a failed wait's message, and lines that
        // are not event lines are ignored by `events`.
        pid = try ChildProcess.spawn(
            [executable.path, "--redis", redisURL, "--queue", queue] + arguments, logPath: outputPath)
    }

    deinit {
        if ChildProcess.isRunning(pid) {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    /// Waits (bounded, off the cooperative pool) until the worker has exited; fails the test if it has not.
    func waitForExit(timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line)
        async throws
    {
        let pid = self.pid
        let status = try await offPool { ChildProcess.waitForExit(pid, timeout: timeout) }
        XCTAssertNotNil(status, "worker \(pid) did not exit within \(timeout)", file: file, line: line)
    }

    /// Everything printed so far, one entry per line.
    var lines: [String] {
        ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// The event lines printed so far.
    var events: [WorkerEventLine] { lines.compactMap { WorkerEventLine(parsing: $0) } }

    /// Waits (bounded) until the worker prints `expected`.
    func waitFor(
        _ expected: WorkerEventLine, timeout: Duration = .seconds(20), file: StaticString = #filePath,
        line: UInt = #line
    ) async throws {
        try await waitFor("\(expected)", timeout: timeout, file: file, line: line) { $0 == expected }
    }

    /// Waits (bounded) until a printed event line satisfies `predicate`.
    func waitFor(
        _ description: String, timeout: Duration = .seconds(20), file: StaticString = #filePath, line: UInt = #line,
        _ predicate: (WorkerEventLine) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if events.contains(where: predicate) { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTFail(
            "worker \(pid) printed no line \(description) within \(timeout); output: \(lines)", file: file, line: line)
        throw CancellationError()
    }
}
