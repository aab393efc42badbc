import Foundation
import QueueCore
import RedisClient
import TestServices
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Worker processes killed or stopped mid-job: at-least-once delivery and rejected late completions.
final class WorkerCrashTests: QueueTestCase {
    private struct Result: Decodable { var pid: Int32 }

    private func startProcess(lockMs: Int, stalledMs: Int) throws -> WorkerProcess {
        try WorkerProcess(
            redisURL: try TestServices.redisURL(), queue: queueName,
            arguments: ["--lock-ms", String(lockMs), "--stalled-ms", String(stalledMs), "--drain-ms", "200"])
    }

    func testAJobOfAKilledWorkerProcessReturnsAfterItsLockExpiresAndCompletesElsewhere() async throws {
        let victim = try startProcess(lockMs: 1000, stalledMs: 500)
        try await victim.waitForLine("ready") { $0 == "ready" }
        let id = try await queue.add("long", json: #"{"sleepMs":60000}"#)
        try await victim.waitForLine("active \(id)") { $0 == "active \(id)" }
        victim.signal(SIGKILL)
        victim.process.waitUntilExit()
        let value1 = try await queue.state(of: id)
        XCTAssertEqual(value1, .active)

        try await redis("HSET", keys.key(id), "data", #"{"sleepMs":0}"#)
        let rescuer = try startProcess(lockMs: 1000, stalledMs: 500)
        try await rescuer.waitForLine("completed \(id)") { $0 == "completed \(id)" }
        let job = try await queue.job(id)
        XCTAssertEqual(try job?.decodeReturnValue(Result.self)?.pid, rescuer.pid)
        XCTAssertEqual(job?.stalledCounter, 1)
        XCTAssertEqual(job?.attemptsStarted, 2)
        let value2 = try await eventNames().contains("stalled")
        XCTAssertTrue(value2)
        rescuer.signal(SIGTERM)
        try await rescuer.waitForLine("closed") { $0 == "closed" }
    }

    func testAStoppedWorkersLateCompletionIsRejectedAfterAnotherWorkerTookTheJob() async throws {
        let sleeper = try startProcess(lockMs: 1000, stalledMs: 500)
        try await sleeper.waitForLine("ready") { $0 == "ready" }
        let id = try await queue.add("long", json: #"{"sleepMs":1500}"#)
        try await sleeper.waitForLine("active \(id)") { $0 == "active \(id)" }
        sleeper.signal(SIGSTOP)
        try await redis("HSET", keys.key(id), "data", #"{"sleepMs":0}"#)
        let rescuer = try startProcess(lockMs: 1000, stalledMs: 500)
        try await rescuer.waitForLine("completed \(id)") { $0 == "completed \(id)" }
        sleeper.signal(SIGCONT)
        try await sleeper.waitForLine("lockLost \(id)") { $0 == "lockLost \(id)" }
        XCTAssertFalse(sleeper.lines.contains("completed \(id)"))
        let job = try await queue.job(id)
        XCTAssertEqual(try job?.decodeReturnValue(Result.self)?.pid, rescuer.pid)
        let value3 = try await queue.state(of: id)
        XCTAssertEqual(value3, .completed)
        sleeper.signal(SIGTERM)
        rescuer.signal(SIGTERM)
        try await sleeper.waitForLine("closed") { $0 == "closed" }
        try await rescuer.waitForLine("closed") { $0 == "closed" }
    }
}
