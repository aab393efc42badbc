import Foundation
import PrivateServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

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

/// A running Python interop program, started with `ChildProcess`.
final class RunningPython {
    private let pid: Int32
    private let outputPath: String
    private let errorPath: String
    private var exitStatus: Int32?

    init(arguments: [String]) throws {
        let base = NSTemporaryDirectory() + "bullmq-interop-\(UUID().uuidString)"
        outputPath = base + ".out"
        errorPath = base + ".err"
        pid = try ChildProcess.spawn(
            [PythonBullMQ.venvPython] + arguments, logPath: outputPath, errorPath: errorPath)
    }

    deinit {
        if exitStatus == nil, ChildProcess.isRunning(pid) {
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(10))
        }
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    /// Waits (bounded) for the exit and decodes the printed JSON; kills the program on timeout.
    func result(timeout: Duration) async throws -> Any {
        guard let status = try await SystemProcess.waitForExit(pid, timeout: timeout) else {
            throw PythonBullMQ.Failure(
                description: "python bullmq program did not finish within \(timeout): \(stderr)")
        }
        exitStatus = status
        let output = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        guard status == 0, let lastLine = output.split(separator: UInt8(ascii: "\n")).last else {
            throw PythonBullMQ.Failure(description: "python bullmq program exited \(status): \(stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(lastLine), options: [.fragmentsAllowed])
    }

    private var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }
}
