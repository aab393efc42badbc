import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

final class WorkerTests: QueueTestCase {
    func testAWorkerCompletesAJobStoresItsResultAndMetricsAndEmitsEvents() async throws {
        struct Out: Codable, Equatable { var doubled: Int }
        let id = try await queue.add("double", data: ["n": 21])
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            Out(doubled: try job.decodeData([String: Int].self)["n"]! * 2)
        }
        worker.start()
        try await waitUntil("the job completed") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let job = try await queue.job(id)
        XCTAssertEqual(try job?.decodeReturnValue(Out.self), Out(doubled: 42))
        XCTAssertEqual(job?.attemptsMade, 1)
        XCTAssertEqual(job?.attemptsStarted, 1)
        XCTAssertNotNil(job?.finishedOn)
        let value1 = try await redis("EXISTS", keys.key("\(id):lock")).int
        XCTAssertEqual(value1, 0)
        let value2 = try await redis("LLEN", keys.key("active")).int
        XCTAssertEqual(value2, 0)
        let value3 = try await queue.metrics(.completed).count
        XCTAssertEqual(value3, 1)
        let events = try await eventNames()
        XCTAssertEqual(Array(events.prefix(4)), ["added", "waiting", "active", "completed"])
        XCTAssertTrue(events.contains("drained"))
    }

    func testThreeAttemptsWithExponentialBackoffEndInFailedWithAttemptsMadeThree() async throws {
        let attemptTimes = Mutex<[ContinuousClock.Instant]>([])
        let id = try await queue.add("flaky", json: "{}", options: JobOptions(attempts: 3, backoff: .exponential(200)))
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ -> Int in
            attemptTimes.withLock { $0.append(.now) }
            throw QueueError(.invalidOption, "attempt failed")
        }
        worker.start()
        try await waitUntil("the job failed for good") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        let job = try await queue.job(id)
        XCTAssertEqual(job?.attemptsMade, 3)
        XCTAssertEqual(job?.stacktrace.count, 3)
        XCTAssertTrue(job?.failedReason?.contains("attempt failed") ?? false)
        let times = attemptTimes.withLock { $0 }
        XCTAssertEqual(times.count, 3)
        XCTAssertGreaterThanOrEqual(times[1] - times[0], .milliseconds(200))
        XCTAssertGreaterThanOrEqual(times[2] - times[1], .milliseconds(400))
        let events = try await eventNames()
        XCTAssertEqual(events.filter { $0 == "delayed" }.count, 2)
        XCTAssertEqual(events.filter { $0 == "failed" }.count, 1)
        XCTAssertTrue(events.contains("retries-exhausted"))
    }

    func testAnUnrecoverableErrorSkipsRemainingAttempts() async throws {
        let runs = Mutex(0)
        let id = try await queue.add("bad", json: "{}", options: JobOptions(attempts: 5))
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ -> Int in
            runs.withLock { $0 += 1 }
            throw UnrecoverableError("bad input")
        }
        worker.start()
        try await waitUntil("the job failed") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        XCTAssertEqual(runs.withLock { $0 }, 1)
        let value4 = try await queue.job(id)?.failedReason
        XCTAssertEqual(value4, "bad input")
    }

    func testDelayedJobsRunNoEarlierThanDue() async throws {
        let started = Mutex<[String: Int64]>([:])
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            started.withLock { $0[job.id] = Int64(Date().timeIntervalSince1970 * 1000) }
            return true
        }
        worker.start()
        var due: [String: Int64] = [:]
        for delay in [300, 700, 100] {
            let id = try await queue.add("d", json: "{}", options: JobOptions(delay: delay))
            due[id] = try await queue.job(id)!.timestamp + Int64(delay)
        }
        try await waitUntil("all delayed jobs ran") { started.withLock { $0.count } == 3 }
        await worker.close()
        for (id, dueMs) in due {
            XCTAssertGreaterThanOrEqual(started.withLock { $0[id]! }, dueMs, "job \(id) ran early")
        }
    }

    func testPrioritiesAreProcessedBestFirstAfterPlainJobs() async throws {
        let order = Mutex<[String]>([])
        for priority in [5, 1, 3, 1] {
            _ = try await queue.add("p\(priority)", json: "{}", options: JobOptions(priority: priority))
        }
        _ = try await queue.add("plain", json: "{}")
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            order.withLock { $0.append(job.name) }
            return 0
        }
        worker.start()
        try await waitUntil("all ran") { order.withLock { $0.count } == 5 }
        await worker.close()
        XCTAssertEqual(order.withLock { $0 }, ["plain", "p1", "p1", "p3", "p5"])
    }

    func testSeveralWorkersWithConcurrencyProcessEveryJobExactlyOnce() async throws {
        let seen = Mutex<[String: Int]>([:])
        let total = 600
        _ = try await queue.addBulk(try (0..<total).map { try Queue.NewJob(name: "n", data: [$0]) })
        var workers: [Worker] = []
        for _ in 0..<3 {
            let worker = try Worker(
                queueName: queueName, client: client, configuration: fastConfiguration(concurrency: 8)
            ) { job in
                seen.withLock { $0[job.id, default: 0] += 1 }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
                return job.id
            }
            workers.append(worker)
            worker.start()
        }
        try await waitUntil("every job completed", timeout: .seconds(60)) {
            try await self.queue.counts()[.completed] == total
        }
        for worker in workers { await worker.close() }
        let counts = seen.withLock { $0 }
        XCTAssertEqual(counts.count, total)
        XCTAssertEqual(counts.values.filter { $0 != 1 }.count, 0, "a job ran more than once")
    }

    func testEveryCompletionIsReportedOnceEvenWhileLocksAreRenewedConstantly() async throws {
        // Renewals every 50 ms race with finishes; a renewal that sees a just-released lock must not turn
        // a completed job into a reported lock loss.
        let completed = Counter()
        let lost = Counter()
        var configuration = fastConfiguration(concurrency: 8) { event in
            switch event {
            case .completed: completed.increment()
            case .lockLost: lost.increment()
            default: break
            }
        }
        configuration.lockDuration = .milliseconds(100)
        configuration.lockRenewTime = .milliseconds(50)
        let total = 1500
        _ = try await queue.addBulk(try (0..<total).map { try Queue.NewJob(name: "r", data: [$0]) })
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in
            try await Task.sleep(for: .milliseconds(1))
            return 1
        }
        worker.start()
        try await waitUntil("every job completed", timeout: .seconds(60)) {
            try await self.queue.counts()[.completed] == total
        }
        await worker.close()
        XCTAssertEqual(completed.value, total)
        XCTAssertEqual(lost.value, 0)
    }

    func testRetentionRemovesOrTrimsFinishedJobs() async throws {
        let removed = try await queue.add("gone", json: "{}", options: JobOptions(removeOnComplete: KeepJobs.none))
        for _ in 0..<4 { _ = try await queue.add("kept", json: "{}", options: JobOptions(removeOnComplete: .last(2))) }
        let (worker, done) = try startCountingWorker()
        try await waitUntil("five jobs completed") { done.value == 5 }
        await worker.close()
        let value5 = try await redis("EXISTS", keys.key(removed)).int
        XCTAssertEqual(value5, 0)
        let value6 = try await strings("ZRANGE", keys.key("completed"), "0", "-1")
        XCTAssertEqual(value6, ["4", "5"])
        let value7 = try await redis("EXISTS", keys.key("2")).int
        XCTAssertEqual(value7, 0)
        let value8 = try await queue.metrics(.completed).count
        XCTAssertEqual(value8, 5)
    }

    func testProgressIsStoredAndEmitted() async throws {
        let id = try await queue.add("p", json: "{}")
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            try await JobContext.updateProgress(["percent": 50])
            return 1
        }
        worker.start()
        try await waitUntil("completed") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let value9 = try await queue.job(id)?.progress
        XCTAssertEqual(value9, #"{"percent":50}"#)
        let value10 = try await eventNames().contains("progress")
        XCTAssertTrue(value10)
    }

    func testGracefulCloseFinishesTheRunningJobAndForcedCloseLeavesItActive() async throws {
        let started = Mutex(false)
        let graceful = try await queue.add("slow", json: "{}")
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            started.withLock { $0 = true }
            try await Task.sleep(for: .milliseconds(300))
            return 1
        }
        worker.start()
        try await waitUntil("the job started") { started.withLock { $0 } }
        await worker.close()
        let value11 = try await queue.state(of: graceful)
        XCTAssertEqual(value11, .completed)

        started.withLock { $0 = false }
        let forced = try await queue.add("slow", json: "{}")
        let second = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { _ in
            started.withLock { $0 = true }
            try await Task.sleep(for: .seconds(30))
            return 1
        }
        second.start()
        try await waitUntil("the second job started") { started.withLock { $0 } }
        await second.close(force: true)
        let value12 = try await queue.state(of: forced)
        XCTAssertEqual(value12, .active)
    }

    func testAfterStopFetchingAFinishingJobFetchesNoNextOne() async throws {
        let held = try await queue.add("held", json: "{}")
        let next = try await queue.add("next", json: "{}")
        let started = Mutex(false)
        let (release, releaseNow) = AsyncStream<Void>.makeStream()
        let worker = try Worker(queueName: queueName, client: client, configuration: fastConfiguration()) { job in
            guard job.name == "held" else { return 1 }
            started.withLock { $0 = true }
            for await _ in release { break }
            return 1
        }
        worker.start()
        try await waitUntil("the held job runs") { started.withLock { $0 } }
        worker.stopFetching()
        releaseNow.finish()
        // The finish script fetches the next job in the same step, so once the held job is completed the
        // next one would already be active; close() only after that, so it cannot be what stopped fetching.
        try await waitUntil("the held job completed") { try await queue.state(of: held) == .completed }
        let nextState = try await queue.state(of: next)
        await worker.close()
        XCTAssertEqual(nextState, .waiting, "finishing the held job fetched the next one after stopFetching()")
    }

    func testARateLimitSpacesJobsAcrossTheWindow() async throws {
        let times = Mutex<[ContinuousClock.Instant]>([])
        _ = try await queue.addBulk(try (0..<4).map { try Queue.NewJob(name: "r", data: [$0]) })
        var configuration = fastConfiguration(concurrency: 4)
        configuration.limiter = Worker.RateLimit(max: 2, duration: .milliseconds(500))
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in
            times.withLock { $0.append(.now) }
            return 1
        }
        worker.start()
        try await waitUntil("four jobs ran") { times.withLock { $0.count } == 4 }
        await worker.close()
        let sorted = times.withLock { $0 }.sorted()
        XCTAssertGreaterThanOrEqual(
            sorted[2] - sorted[0], .milliseconds(400), "the third job ran inside the first window")
    }

    func testAWorkerWhoseLockWasTakenCannotCompleteTheJob() async throws {
        let lost = Mutex<[String]>([])
        let started = Mutex(false)
        let id = try await queue.add("contended", json: "{}")
        let worker = try Worker(
            queueName: queueName, client: client,
            configuration: fastConfiguration(onEvent: { event in
                if case .lockLost(let jobId) = event { lost.withLock { $0.append(jobId) } }
            })
        ) { _ in
            started.withLock { $0 = true }
            try await Task.sleep(for: .milliseconds(400))
            return "late"
        }
        worker.start()
        try await waitUntil("the job started") { started.withLock { $0 } }
        try await redis("SET", keys.key("\(id):lock"), "another-worker:1")
        try await waitUntil("the worker noticed") { lost.withLock { $0.contains(id) } }
        await worker.close()
        let value13 = try await queue.state(of: id)
        XCTAssertEqual(value13, .active)
        let value14 = try await queue.job(id)?.returnValue
        XCTAssertNil(value14)
    }

    func testTheStalledCheckReturnsAJobWithoutALockAndFailsItPastMaxStalledCount() async throws {
        let id = try await queue.add("orphan", json: "{}")
        // Simulate a dead worker: the job is active with no lock.
        try await redis("RPOPLPUSH", keys.key("wait"), keys.key("active"))
        var configuration = fastConfiguration()
        configuration.stalledInterval = .milliseconds(100)
        configuration.maxStalledCount = 0
        let ran = Mutex(0)
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in
            ran.withLock { $0 += 1 }
            return 1
        }
        worker.start()
        try await waitUntil("the stalled job failed") { try await self.queue.state(of: id) == .failed }
        await worker.close()
        XCTAssertEqual(ran.withLock { $0 }, 0, "a job stalled past the limit must not run")
        let value15 = try await queue.job(id)?.failedReason
        XCTAssertEqual(value15, "job stalled more than allowable limit")
        let value16 = try await queue.job(id)?.stalledCounter
        XCTAssertEqual(value16, 1)
        let value17 = try await eventNames().contains("stalled")
        XCTAssertTrue(value17)
    }
}
