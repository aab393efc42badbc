import Foundation
import Synchronization
import XCTest

@testable import Monitoring

final class RateLimitedLogTests: XCTestCase {
    func testTheBudgetWritesTheLimitPerWindowAndReportsTheRestOnceTheWindowEnds() {
        var budget = LogBudget(limit: 2, windowMs: 1000)
        XCTAssertEqual(budget.admit(nowMs: 100), .init(write: true, summary: 0, flushAtMs: nil))
        XCTAssertEqual(budget.admit(nowMs: 200), .init(write: true, summary: 0, flushAtMs: nil))
        // The first suppressed line asks for a flush when the window (opened at 100) ends.
        XCTAssertEqual(budget.admit(nowMs: 300), .init(write: false, summary: 0, flushAtMs: 1100))
        XCTAssertEqual(budget.admit(nowMs: 1099), .init(write: false, summary: 0, flushAtMs: nil))
        XCTAssertEqual(budget.flush(nowMs: 1099), 0, "the window is still open")
        XCTAssertEqual(budget.flush(nowMs: 1100), 2)
        XCTAssertEqual(budget.flush(nowMs: 1200), 0, "reported once")
        // A new window opens with the next line.
        XCTAssertEqual(budget.admit(nowMs: 5000), .init(write: true, summary: 0, flushAtMs: nil))
    }

    func testALineAfterAnEndedWindowCarriesItsSummaryWhenNoFlushRan() {
        var budget = LogBudget(limit: 1, windowMs: 10)
        _ = budget.admit(nowMs: 0)
        _ = budget.admit(nowMs: 1)
        _ = budget.admit(nowMs: 2)
        XCTAssertEqual(budget.admit(nowMs: 10), .init(write: true, summary: 2, flushAtMs: nil))
        XCTAssertEqual(budget.flush(nowMs: 100), 0)
    }

    func testABudgetOfZeroOrLessStillWritesOneLine() {
        var budget = LogBudget(limit: 0, windowMs: 0)
        XCTAssertEqual(budget.limit, 1)
        XCTAssertEqual(budget.windowMs, 1)
        XCTAssertTrue(budget.admit(nowMs: 0).write)
        XCTAssertFalse(budget.admit(nowMs: 0).write)
    }

    func testABurstWritesTheLimitThenOneSummaryLineCountingTheSuppressedOnes() async throws {
        let output = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .info) { line in output.withLock { $0.append(line) } }
        func lines() -> [[String: Any]] {
            output.withLock { $0 }.map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? ["unparsed": $0]
            }
        }
        let log = RateLimitedLog(
            logger: logger, event: "model.evicted", summaryEvent: "model.evictions_suppressed", limit: 5,
            window: .milliseconds(200))
        for index in 0..<50 { log.log([("userId", .string("u\(index)"))]) }
        logger.flush()
        let written = lines()
        XCTAssertEqual(written.compactMap { $0["userId"] as? String }, ["u0", "u1", "u2", "u3", "u4"])
        XCTAssertTrue(
            written.allSatisfy { $0["event"] as? String == "model.evicted" && $0["level"] as? String == "info" })

        // No further line comes: the summary arrives on its own once the window has ended.
        let deadline = ContinuousClock.now + .seconds(10)
        var summary: [String: Any]?
        while summary == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            logger.flush()
            summary = lines().first { $0["event"] as? String == "model.evictions_suppressed" }
        }
        let line = try XCTUnwrap(summary, "no summary line within 10 s")
        XCTAssertEqual(line["suppressed"] as? Int, 45)
        XCTAssertEqual(line["suppressedEvent"] as? String, "model.evicted")
        XCTAssertEqual(line["windowMs"] as? Int, 200)
        XCTAssertEqual(lines().count, 6)
    }

    func testLinesBelowTheLoggersLevelDoNotUseTheBudget() {
        let count = Mutex(0)
        let logger = StructuredLogger(minimumLevel: .warning) { _ in count.withLock { $0 += 1 } }
        let log = RateLimitedLog(logger: logger, event: "e", summaryEvent: "s", limit: 1)
        for _ in 0..<10 { log.log([]) }
        logger.flush()
        XCTAssertEqual(count.withLock { $0 }, 0)
    }
}
