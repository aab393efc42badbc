import Essentials
import Foundation
import XCTest

@testable import Chaos

final class ManagedProcessTests: XCTestCase {
    private func sleeper(_ name: String) -> ManagedProcess {
        ManagedProcess(
            name: name, arguments: ["sh", "-c", "echo ready; exec sleep 60"],
            logPath: NSTemporaryDirectory() + "chaos-test-\(UUID().uuidString).log")
    }

    func testSIGKILLEndsTheProcessAndRestartStartsANewOne() async throws {
        let process = sleeper("sleeper")
        defer { process.stop(grace: .zero) }
        let first = try process.start()
        try await process.waitForOutput("ready", timeout: .seconds(10))
        XCTAssertTrue(ProcessRegistry.shared.live.contains(first))
        try process.send(SIGKILL)
        XCTAssertEqual(process.waitForExit(timeout: .seconds(10)), 128 + SIGKILL)
        XCTAssertFalse(ProcessRegistry.shared.live.contains(first))
        let second = try process.restart()
        XCTAssertNotEqual(first, second)
        XCTAssertTrue(process.isRunning)
        XCTAssertEqual(process.starts, 2)
    }

    func testSIGSTOPFreezesTheProcessAndSIGCONTResumesIt() throws {
        let process = sleeper("stopped")
        defer { process.stop(grace: .zero) }
        let pid = try process.start()
        try process.send(SIGSTOP)
        let stopped = Deadline.blockingPoll(timeout: .seconds(5)) { Self.state(of: pid) == "T" }
        XCTAssertTrue(stopped)
        try process.send(SIGCONT)
        let resumed = Deadline.blockingPoll(timeout: .seconds(5)) { Self.state(of: pid) == "S" }
        XCTAssertTrue(resumed)
    }

    func testStopTerminatesGracefullyAndIsIdempotent() throws {
        let process = sleeper("terminated")
        try process.start()
        process.stop(grace: .seconds(5))
        XCTAssertFalse(process.isRunning)
        process.stop()
        XCTAssertEqual(process.pid, 0)
    }

    func testAMissingProgramIsASpawnError() {
        let process = ManagedProcess(name: "missing", arguments: ["/nonexistent/chaos-nothing"], logPath: "/dev/null")
        XCTAssertThrowsError(try process.start()) { error in
            XCTAssertEqual((error as? ChaosError)?.code, .spawnFailed)
        }
    }

    func testAChildGetsOnlyTheBasicVariablesAndWhatIsPassedExplicitly() async throws {
        // A variable of the runner's environment that is not in the allow-list, as REDIS_URL would be.
        setenv("CHAOS_LEAK_CANARY", "leaked", 1)
        defer { unsetenv("CHAOS_LEAK_CANARY") }
        let process = ManagedProcess(
            name: "env", arguments: ["sh", "-c", "env; echo done"],
            logPath: NSTemporaryDirectory() + "chaos-test-\(UUID().uuidString).log",
            environment: ["EXPLICIT_SETTING": "given"])
        defer { process.stop(grace: .zero) }
        try process.start()
        try await process.waitForOutput("done", timeout: .seconds(10))
        let names = Set(process.outputLines().filter { $0.contains("=") }.map { String($0.prefix { $0 != "=" }) })
        XCTAssertFalse(names.contains("CHAOS_LEAK_CANARY"), process.output())
        XCTAssertTrue(process.output().contains("EXPLICIT_SETTING=given"))
        XCTAssertTrue(names.contains("PATH"))
        // What the shell sets itself (PWD, SHLVL, _) aside, nothing beyond the allow-list and the explicit one.
        let own: Set<String> = ["PWD", "SHLVL", "_", "OLDPWD"]
        XCTAssertEqual(
            names.subtracting(ManagedProcess.inheritedVariables).subtracting(own), ["EXPLICIT_SETTING"],
            process.output())
    }

    func testSignallingAProcessThatIsNotRunningIsAnError() {
        let process = sleeper("never-started")
        XCTAssertThrowsError(try process.send(SIGKILL)) { error in
            XCTAssertEqual((error as? ChaosError)?.code, .signalFailed)
        }
    }

    /// The one-letter state from /proc/<pid>/stat (`S` sleeping, `T` stopped).
    private static func state(of pid: Int32) -> String {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return "" }
        return String(stat[stat.index(close, offsetBy: 2)])
    }
}
