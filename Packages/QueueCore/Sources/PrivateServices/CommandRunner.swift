import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs programs as separate processes, as a person or a script would: for tests that drive the real
/// binaries (`maxctl`, `monitoring-api`) and check their output and exit codes.
public enum CommandRunner {
    /// Runs `executable` with `arguments` to completion. The environment is this process's, with
    /// `environment` merged over it and the names in `removing` taken out. Blocking, bounded by `timeout`:
    /// past it the process is killed and a `PrivateServicesError` thrown.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        timeout: Duration = .seconds(60)
    ) throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        for name in removing { env[name] = nil }
        env.merge(environment) { _, new in new }
        let directory = try Directories.make("command")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pid = try ChildProcess.spawn(
            [executable] + arguments, logPath: "\(directory)/stdout", errorPath: "\(directory)/stderr",
            environment: env)
        guard let status = ChildProcess.waitForExit(pid, timeout: timeout) else {
            kill(pid, SIGKILL)
            _ = ChildProcess.waitForExit(pid, timeout: .seconds(5))
            throw PrivateServicesError(
                "\(executable) \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        return CommandResult(
            status: status,
            stdout: (try? String(contentsOfFile: "\(directory)/stdout", encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: "\(directory)/stderr", encoding: .utf8)) ?? "")
    }
}
