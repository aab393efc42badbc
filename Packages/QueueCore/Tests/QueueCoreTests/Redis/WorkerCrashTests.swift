import Foundation
import PrivateServices
import QueueCore
import RedisClient
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Worker processes killed or stopped mid-job: at-least-once delivery and rejected late completions.
final class WorkerCrashTests: QueueTestCase {
    private func startProcess(lockMs: Int, stalledMs: Int) throws -> WorkerProcess {
        try WorkerProcess(
            redisURL: try TestServices.redisURL(), queue: queueName,
            arguments: [
                "--lock-duration", "\(lockMs)ms", "--stalled-interval", "\(stalledMs)ms", "--drain-delay", "200ms",
            ])
    }

    func testAJobOfAKilledWorkerProcessReturnsAfterItsLockExpiresAndCompletesElsewhere() async throws {
        let victim = try startProcess(lockMs: 1000, stalledMs: 500)
        try await victim.waitFor("ready") { if case .ready = $0 { true } else { false } }
        let id = try await queue.add("long", json: #"{"sleepMs":60000}"#)
        try await victim.waitFor("active \(id)") { if case .active(id, _) = $0 { true } else { false } }
        victim.signal(SIGKILL)
        try await victim.waitForExit()
        let value1 = try await queue.state(of: id)
        XCTAssertEqual(value1, .active)

        try await redis("HSET", keys.key(id), "data", #"{"sleepMs":0}"#)
        let rescuer = try startProcess(lockMs: 1000, stalledMs: 500)
        try await rescuer.waitFor(.completed(jobId: id))
        let job = try await queue.job(id)
        XCTAssertEqual(try job?.decodeReturnValue(ScriptedJob.Result.self)?.pid, rescuer.pid)
        XCTAssertEqual(job?.stalledCounter, 1)
        XCTAssertEqual(job?.attemptsStarted, 2)
        let value2 = try await eventNames().contains("stalled")
        XCTAssertTrue(value2)
        rescuer.signal(SIGTERM)
        try await rescuer.waitFor(.closed)
    }

    func testAStoppedWorkersLateCompletionIsRejectedAfterAnotherWorkerTookTheJob() async throws {
        let sleeper = try startProcess(lockMs: 1000, stalledMs: 500)
        try await sleeper.waitFor("ready") { if case .ready = $0 { true } else { false } }
        let id = try await queue.add("long", json: #"{"sleepMs":1500}"#)
        try await sleeper.waitFor("active \(id)") { if case .active(id, _) = $0 { true } else { false } }
        sleeper.signal(SIGSTOP)
        try await redis("HSET", keys.key(id), "data", #"{"sleepMs":0}"#)
        let rescuer = try startProcess(lockMs: 1000, stalledMs: 500)
        try await rescuer.waitFor(.completed(jobId: id))
        sleeper.signal(SIGCONT)
        try await sleeper.waitFor(.lockLost(jobId: id))
        XCTAssertFalse(sleeper.events.contains(.completed(jobId: id)))
        let job = try await queue.job(id)
        XCTAssertEqual(try job?.decodeReturnValue(ScriptedJob.Result.self)?.pid, rescuer.pid)
        let value3 = try await queue.state(of: id)
        XCTAssertEqual(value3, .completed)
        sleeper.signal(SIGTERM)
        rescuer.signal(SIGTERM)
        try await sleeper.waitFor(.closed)
        try await rescuer.waitFor(.closed)
    }
}
