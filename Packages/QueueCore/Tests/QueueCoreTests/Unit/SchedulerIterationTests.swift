import Foundation
import XCTest

@testable import QueueCore

/// What a scheduler's next iteration is, computed as bullmq computes it: bounds, the pattern's due time, the
/// stored options.
final class SchedulerIterationTests: XCTestCase {
    private let now: Int64 = 1_796_500_000_000  // 2026-12-05T20:26:40Z

    private func iteration(
        _ rule: RepeatOptions, options: JobOptions = JobOptions(), count: Int = 0, previousDue: Int64? = nil
    ) throws -> SchedulerIteration? {
        try SchedulerIteration(
            schedulerID: "s", repeat: rule, options: options, previousCount: count, previousDue: previousDue, now: now)
    }

    private func storedOptions(_ iteration: SchedulerIteration?) throws -> [String: JSONValue] {
        try XCTUnwrap(try JSONValue.parse(try XCTUnwrap(iteration).optionsJSON).objectValue)
    }

    func testTheLimitCountsIterations() throws {
        XCTAssertNotNil(try iteration(RepeatOptions(every: 1000, limit: 3), count: 2))
        XCTAssertNil(try iteration(RepeatOptions(every: 1000, limit: 3), count: 3), "a fourth iteration past limit 3")
    }

    func testNoIterationOnceTheEndDateHasPassed() throws {
        XCTAssertNil(try iteration(RepeatOptions(every: 1000, endDate: now - 1)))
        XCTAssertNotNil(try iteration(RepeatOptions(every: 1000, endDate: now + 1)))
    }

    func testAPatternIsDueAtItsNextRunInItsZone() throws {
        let berlin = try iteration(RepeatOptions(pattern: "0 9 * * *", tz: "Europe/Berlin"))
        XCTAssertEqual(berlin?.due, 1_796_544_000_000, "09:00 in Berlin on 2026-12-06 is 08:00Z")
        let utc = try iteration(RepeatOptions(pattern: "0 9 * * *"))
        XCTAssertEqual(utc?.due, 1_796_547_600_000)
    }

    func testAPatternCountsFromThePreviousRunWhenThatIsAheadOfTheClock() throws {
        let previous = now + 3_600_000
        let next = try iteration(RepeatOptions(pattern: "*/30 * * * *"), previousDue: previous)
        XCTAssertEqual(next?.due, previous + 1_800_000 - (previous % 1_800_000))
    }

    func testStartDateAndImmediately() throws {
        let start = now + 86_400_000
        let later = try iteration(RepeatOptions(pattern: "0 * * * *", startDate: start))
        XCTAssertGreaterThan(later?.due ?? 0, start)
        let immediate = try iteration(RepeatOptions(pattern: "0 0 1 1 *", immediately: true))
        XCTAssertEqual(immediate?.due, now)
    }

    func testAnEveryIterationLeavesItsDueTimeToTheScript() throws {
        let every = try iteration(RepeatOptions(every: 500))
        XCTAssertNil(every?.due)
        XCTAssertEqual(try storedOptions(every)["prevMillis"], .number(Double(now)))
    }

    func testTheStoredOptionsAreBullMQs() throws {
        let stored = try storedOptions(
            try iteration(
                RepeatOptions(pattern: "0 9 * * *", tz: "Europe/Berlin", limit: 5, immediately: true),
                options: JobOptions(attempts: 3), count: 1))
        XCTAssertNil(stored["jobId"], "the script sets the id")
        XCTAssertNil(stored["delay"], "the script sets the delay")
        XCTAssertEqual(stored["attempts"], .number(3))
        XCTAssertEqual(stored["repeatJobKey"], .string("s"))
        XCTAssertEqual(stored["timestamp"], .number(Double(now)))
        XCTAssertEqual(
            stored["repeat"],
            .object([
                "count": .number(2), "pattern": .string("0 9 * * *"), "tz": .string("Europe/Berlin"),
                "limit": .number(5),
            ]), "never `immediately`")
    }
}
