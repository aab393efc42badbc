import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// Job schedulers against a real Redis: BullMQ's layout, the next iteration created on fetch, and the admin
/// operations that must leave a scheduler firing.
final class JobSchedulerTests: QueueTestCase {
    /// The due time encoded in an iteration id `repeat:<scheduler>:<ms>`.
    private func due(_ id: String) -> Int64? { id.split(separator: ":").last.flatMap { Int64($0) } }

    private func completedJobs() async throws -> [Job] {
        try await queue.jobs(in: .completed, range: 0...999, ascending: true)
    }

    private func pendingCount() async throws -> Int {
        let counts = try await queue.counts()
        return (counts[.waiting] ?? 0) + (counts[.delayed] ?? 0) + (counts[.prioritized] ?? 0)
    }

    func testAnEverySchedulerFiresAgainAndAgainUnderOurWorker() async throws {
        let first = try await queue.upsertJobScheduler(
            "tick", repeat: RepeatOptions(every: 300),
            template: JobTemplate(name: "tick-job", json: #"{"n":1}"#, options: JobOptions(attempts: 2)))
        let firstID = try XCTUnwrap(first)
        XCTAssertTrue(firstID.hasPrefix("repeat:tick:"), firstID)
        let stateOfFirst = try await queue.state(of: firstID)
        XCTAssertEqual(stateOfFirst, .waiting, "an every scheduler's first iteration is due at once, as in BullMQ")
        let scheduler = try await queue.jobScheduler("tick")
        XCTAssertEqual(scheduler?.name, "tick-job")
        XCTAssertEqual(scheduler?.rule.every, 300)
        XCTAssertEqual(scheduler?.iterationCount, 1)
        XCTAssertEqual(scheduler?.templateData, #"{"n":1}"#)
        XCTAssertEqual(scheduler?.next, due(firstID))

        let (worker, done) = try startCountingWorker()
        try await waitUntil("four iterations completed", timeout: .seconds(20)) { done.value >= 4 }
        await worker.close()
        let jobs = try await completedJobs()
        XCTAssertGreaterThanOrEqual(jobs.count, 4)
        for job in jobs {
            XCTAssertEqual(job.name, "tick-job")
            XCTAssertEqual(job.data, #"{"n":1}"#)
            XCTAssertEqual(job.fields["rjk"], "tick")
            XCTAssertEqual(job.options.attempts, 2, "the template's options reach every iteration")
        }
        let dues = jobs.compactMap { due($0.id) }.sorted()
        for (earlier, later) in zip(dues, dues.dropFirst()) {
            XCTAssertEqual((later - earlier) % 300, 0, "iterations sit on the every-300 ms grid: \(dues)")
        }
        let after = try await queue.jobScheduler("tick")
        XCTAssertGreaterThanOrEqual(after?.iterationCount ?? 0, 5, "each taken iteration created the next")
        let pending = try await pendingCount()
        XCTAssertEqual(pending, 1, "a scheduler keeps exactly one pending iteration")
    }

    func testAPatternSchedulerFiresOnItsCronScheduleInItsZone() async throws {
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let first = try await queue.upsertJobScheduler(
            "every-second", repeat: RepeatOptions(pattern: "* * * * * *", tz: "Europe/Berlin"))
        let firstDue = try XCTUnwrap(first.flatMap(due))
        XCTAssertEqual(firstDue % 1000, 0)
        XCTAssertGreaterThan(firstDue, before)
        let (worker, done) = try startCountingWorker()
        try await waitUntil("three iterations completed", timeout: .seconds(20)) { done.value >= 3 }
        await worker.close()
        let dues = try await completedJobs().compactMap { due($0.id) }.sorted()
        XCTAssertEqual(dues.first, firstDue)
        for (earlier, later) in zip(dues, dues.dropFirst()) {
            XCTAssertEqual(later % 1000, 0)
            XCTAssertGreaterThan(later, earlier)
        }
        let scheduler = try await queue.jobScheduler("every-second")
        XCTAssertEqual(scheduler?.rule.pattern, "* * * * * *")
        XCTAssertEqual(scheduler?.rule.tz, "Europe/Berlin")
        XCTAssertEqual(scheduler?.name, "every-second", "without a template name, iterations take the id")
    }

    func testALimitEndsTheSchedulerAfterThatManyIterations() async throws {
        try await queue.upsertJobScheduler("thrice", repeat: RepeatOptions(every: 100, limit: 3))
        let (worker, done) = try startCountingWorker()
        try await waitUntil("three iterations completed", timeout: .seconds(20)) { done.value >= 3 }
        let pending = try await pendingCount()
        await worker.close()
        XCTAssertEqual(pending, 0, "the third iteration created no fourth")
        XCTAssertEqual(done.value, 3)
        let scheduler = try await queue.jobScheduler("thrice")
        XCTAssertEqual(scheduler?.iterationCount, 3)
    }

    func testUpsertingAgainReplacesThePendingIterationAndTheTemplate() async throws {
        let yearly = RepeatOptions(pattern: "0 0 1 1 *")
        let first = try await queue.upsertJobScheduler("new-year", repeat: yearly, template: JobTemplate(json: "[1]"))
        let second = try await queue.upsertJobScheduler("new-year", repeat: yearly, template: JobTemplate(json: "[2]"))
        XCTAssertEqual(first, second, "the same rule keeps the due time")
        let delayed = try await queue.jobs(in: .delayed)
        let secondID = try XCTUnwrap(second)
        XCTAssertEqual(delayed.map(\.id), [secondID])
        XCTAssertEqual(delayed.first?.data, "[2]")
        let count = try await queue.jobSchedulersCount()
        XCTAssertEqual(count, 1)

        let third = try await queue.upsertJobScheduler("new-year", repeat: RepeatOptions(every: 60_000))
        let delayedAfter = try await queue.counts()[.delayed] ?? 0
        XCTAssertEqual(delayedAfter, 0, "the pattern's pending iteration was replaced")
        let thirdID = try XCTUnwrap(third)
        let thirdState = try await queue.state(of: thirdID)
        XCTAssertEqual(thirdState, .waiting)
        let rule = try await queue.jobScheduler("new-year")?.rule
        XCTAssertEqual(rule?.every, 60_000)
        XCTAssertNil(rule?.pattern, "the hash holds only the new rule")
    }

    func testRemovingASchedulerRemovesItsDelayedIteration() async throws {
        let pending = try await queue.upsertJobScheduler("gone", repeat: RepeatOptions(pattern: "0 0 1 1 *"))
        let removed = try await queue.removeJobScheduler("gone")
        XCTAssertTrue(removed)
        let again = try await queue.removeJobScheduler("gone")
        XCTAssertFalse(again)
        let pendingID = try XCTUnwrap(pending)
        let job = try await queue.job(pendingID)
        XCTAssertNil(job)
        let scheduler = try await queue.jobScheduler("gone")
        XCTAssertNil(scheduler)
        let hashExists = try await redis("EXISTS", keys.jobScheduler("gone")).int
        XCTAssertEqual(hashExists, 0)
    }

    func testDrainCleanAndRemoveKeepThePendingIteration() async throws {
        let upserted = try await queue.upsertJobScheduler("kept", repeat: RepeatOptions(pattern: "0 0 1 1 *"))
        let pending = try XCTUnwrap(upserted)
        let upsertedNow = try await queue.upsertJobScheduler("kept-now", repeat: RepeatOptions(every: 60_000))
        let now = try XCTUnwrap(upsertedNow)
        _ = try await queue.add("plain-delayed", json: "{}", options: JobOptions(delay: 60_000))
        _ = try await queue.add("plain-waiting", json: "{}")

        try await queue.drain(includeDelayed: true)
        let delayed = try await queue.jobs(in: .delayed).map(\.id)
        XCTAssertEqual(delayed, [pending])
        let waiting = try await queue.jobs(in: .waiting).map(\.id)
        XCTAssertEqual(waiting, [now])

        let cleaned = try await queue.clean(grace: .zero, state: .delayed)
        XCTAssertEqual(cleaned, [])
        let cleanedWaiting = try await queue.clean(grace: .zero, state: .waiting)
        XCTAssertEqual(cleanedWaiting, [])

        do {
            try await queue.remove(pending)
            XCTFail("removing a pending iteration must be refused")
        } catch let error as QueueError {
            XCTAssertEqual(error.code, .wrongState)
            XCTAssertTrue(error.message.contains("remove the scheduler instead"), error.message)
        }
        let stillThere = try await queue.state(of: pending)
        XCTAssertEqual(stillThere, .delayed)

        let (worker, done) = try startCountingWorker()
        try await waitUntil("the drained queue's every scheduler still fired") { done.value >= 1 }
        await worker.close()
    }

    func testTheStalledCheckNeverFailsASchedulerIteration() async throws {
        let upserted = try await queue.upsertJobScheduler("stalls", repeat: RepeatOptions(every: 60_000))
        let id = try XCTUnwrap(upserted)
        // A dead worker's iteration: active, no lock, already stalled more often than allowed.
        try await redis("RPOPLPUSH", keys.wait, keys.active)
        try await redis("HSET", keys.job(id), "stc", "5")
        var configuration = fastConfiguration()
        configuration.stalledInterval = .milliseconds(100)
        configuration.maxStalledCount = 0
        let worker = try Worker(queueName: queueName, client: client, configuration: configuration) { _ in 1 }
        worker.start()
        try await waitUntil("the stalled iteration completed") { try await self.queue.state(of: id) == .completed }
        await worker.close()
        let deferred = try await redis("HGET", keys.job(id), "defa").string
        XCTAssertNil(deferred, "BullMQ never fails a scheduler's iteration for stalling")
    }

    func testObliterateDeletesTheSchedulers() async throws {
        try await queue.upsertJobScheduler("a", repeat: RepeatOptions(every: 1000))
        try await queue.upsertJobScheduler("b", repeat: RepeatOptions(pattern: "0 * * * *"))
        let listed = try await queue.jobSchedulers(ascending: true).map(\.id)
        XCTAssertEqual(listed, ["a", "b"], "listed by next run, earliest first")
        try await queue.obliterate(force: true)
        let left = try await strings("KEYS", keys.base + "*")
        XCTAssertEqual(left, [])
    }

    func testInvalidSchedulersAreRefusedNamingTheFieldAndNothingIsWritten() async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let cases: [(String, RepeatOptions, JobTemplate, String)] = [
            ("s", RepeatOptions(), JobTemplate(), "either `every` or `pattern`"),
            ("s", RepeatOptions(every: 10, pattern: "* * * * *"), JobTemplate(), "both `every` and `pattern`"),
            ("s", RepeatOptions(every: 0), JobTemplate(), "repeat.every must be > 0"),
            ("s", RepeatOptions(every: 10, limit: 0), JobTemplate(), "repeat.limit must be >= 1"),
            (
                "s", RepeatOptions(every: 10, startDate: now + 10_000, endDate: now + 5000), JobTemplate(),
                "is before repeat.startDate"
            ),
            ("s", RepeatOptions(every: 10, endDate: now - 1000), JobTemplate(), "repeat.endDate"),
            ("s", RepeatOptions(pattern: "61 * * * *"), JobTemplate(), "repeat.pattern"),
            ("s", RepeatOptions(pattern: "* * * * *", tz: "Mars/Olympus"), JobTemplate(), "repeat.tz"),
            (
                "s", RepeatOptions(pattern: "* * * * *", startDate: now, immediately: true), JobTemplate(),
                "`immediately` and `startDate`"
            ),
            ("", RepeatOptions(every: 10), JobTemplate(), "id must not be empty"),
            (String(repeating: "x", count: 513), RepeatOptions(every: 10), JobTemplate(), "at most 512"),
            ("a:b:c:d:e", RepeatOptions(every: 10), JobTemplate(), "legacy repeatable job"),
            ("s", RepeatOptions(every: 10), JobTemplate(options: JobOptions(jobId: "mine")), "cannot set jobId"),
            ("s", RepeatOptions(every: 10), JobTemplate(options: JobOptions(delay: 5)), "cannot set delay"),
            ("s", RepeatOptions(every: 10), JobTemplate(json: "{nope"), "JSON"),
        ]
        for (id, rule, template, expected) in cases {
            do {
                try await queue.upsertJobScheduler(id, repeat: rule, template: template)
                XCTFail("accepted \(rule) for '\(id)'")
            } catch let error as QueueError {
                XCTAssertTrue(
                    error.message.contains(expected) || error.description.contains(expected),
                    "\(error) should mention \(expected)")
            }
        }
        let written = try await strings("KEYS", keys.base + "*")
        XCTAssertEqual(written, [], "a refused scheduler writes nothing")
    }
}
