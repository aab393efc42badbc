import Foundation
import TestServices
import XCTest

/// Runs `Tests/python/bullmq_interop.py` with the real Python bullmq from the venv in `.run/venv`
/// (created by `scripts/python-venv.sh` when missing; a missing Python fails the test, never skips).
enum PythonBullMQ {
    /// A Python program that cannot run, or printed no JSON.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let repositoryRoot = SystemProcess.repositoryRoot
    static let venvPython = repositoryRoot.appendingPathComponent(".run/venv/bin/python").path
    static let program = repositoryRoot.appendingPathComponent("Tests/python/bullmq_interop.py").path

    /// Makes sure the venv exists (runs the venv script once per process, bounded by 5 minutes).
    static func ensureVenv() throws {
        try venvReady.get()
    }

    private static let venvReady: Result<Void, Error> = Result {
        let script = repositoryRoot.appendingPathComponent("scripts/python-venv.sh").path
        let result = try CommandRunner.run(script, [], timeout: .seconds(300))
        guard result.status == 0, FileManager.default.isExecutableFile(atPath: venvPython) else {
            throw Failure(description: "scripts/python-venv.sh failed (\(result.status)): \(result.stderr)")
        }
    }

    /// Starts the interop program with `command` and a JSON argument, without waiting.
    static func start(queue: String, _ command: String, _ argument: Any? = nil) throws -> RunningPython {
        try ensureVenv()
        var arguments = [program, try TestServices.redisURL(), queue, command]
        if let argument {
            let data = try JSONSerialization.data(withJSONObject: argument, options: [.fragmentsAllowed])
            arguments.append(String(decoding: data, as: UTF8.self))
        }
        return try RunningPython(arguments: arguments)
    }

    /// Runs the program to completion and returns its JSON output, decoded.
    static func run(queue: String, _ command: String, _ argument: Any? = nil, timeout: Duration = .seconds(60))
        async throws -> Any
    {
        try await start(queue: queue, command, argument).result(timeout: timeout)
    }
}

/// A running Python interop program.
final class RunningPython {
    private let process: Process
    private let outputPath: String
    private let errorPath: String

    init(arguments: [String]) throws {
        let process = Process()
        let base = NSTemporaryDirectory() + "bullmq-interop-\(UUID().uuidString)"
        outputPath = base + ".out"
        errorPath = base + ".err"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: PythonBullMQ.venvPython)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        self.process = process
    }

    /// Waits (bounded) for the exit and decodes the printed JSON; kills the program on timeout.
    func result(timeout: Duration) async throws -> Any {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw PythonBullMQ.Failure(
                    description: "python bullmq program did not finish within \(timeout): \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        guard process.terminationStatus == 0, let lastLine = output.split(separator: UInt8(ascii: "\n")).last else {
            throw PythonBullMQ.Failure(
                description: "python bullmq program exited \(process.terminationStatus): \(stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(lastLine), options: [.fragmentsAllowed])
    }

    private var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}
