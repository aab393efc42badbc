import XCTest

@testable import Monitoring

/// Reply builders, so the tests do not depend on the reply type's case names.
private func text(_ value: String) -> ProbeReply { .bulkString(Array(value.utf8)) }
private func number(_ value: Int) -> ProbeReply { .integer(value) }
private func list(_ values: ProbeReply...) -> ProbeReply { .array(values) }
private let none = ProbeReply.null

final class QueueProbeTests: XCTestCase {
    private let probe = QueueProbe(prefix: "bull", queue: "email")

    private func stage1Replies(metrics: Bool = true) -> [ProbeReply] {
        [
            number(3), number(1), number(2), number(10), number(4), number(5), number(6), number(7),
            list(text("1"), text("500")), list(number(1), number(5000), number(4000)),
            metrics ? list(text("120"), text("180000"), text("100")) : list(none, none, none),
            metrics ? list(text("8"), text("120000"), text("8")) : list(none, none, none), number(42),
            metrics ? list(text("30"), text("2"), text("5"), text("900")) : list(none, none, none, none),
            metrics ? text("300") : none, none,
        ]
    }

    func testStage1ReadsEveryStateStalledJobsAndTheOldestWaitingJob() throws {
        XCTAssertEqual(probe.stage1.first, ["LLEN", "bull:email:wait"])
        XCTAssertTrue(probe.stage1.contains(["ZCARD", "bull:email:waiting-children"]))
        XCTAssertEqual(probe.stage1[9].prefix(3), ["EVAL", QueueProbe.instantScript, "3"])
        let stage1 = try probe.parseStage1(stage1Replies())
        XCTAssertEqual(
            stage1.counts,
            JobCounts(waiting: 4, active: 2, completed: 10, failed: 4, delayed: 5, prioritized: 6, waitingChildren: 7))
        XCTAssertTrue(stage1.paused)
        XCTAssertEqual(stage1.stalled, 1)
        XCTAssertEqual(stage1.oldestWaitingTimestampMs, 4000)
        XCTAssertEqual(stage1.bullmqMetrics, QueueReading.Totals(completed: 120, failed: 8))
        XCTAssertEqual(
            stage1.bullmqMinutes,
            MinuteMetrics(
                completed: .init(count: 120, previousTimestampMs: 180_000, previousCount: 100, newestPoint: 300),
                failed: .init(count: 8, previousTimestampMs: 120_000, previousCount: 8, newestPoint: nil)))
        XCTAssertEqual(stage1.eventsLength, 42)
        XCTAssertEqual(stage1.eventsCap, 500)
        XCTAssertEqual(
            stage1.workerCounters, QueueReading.Totals(completed: 30, failed: 2, retries: 5, processingMsTotal: 900))
        XCTAssertNil(try probe.parseStage1(stage1Replies(metrics: false)).bullmqMetrics)
        XCTAssertNil(try probe.parseStage1(stage1Replies(metrics: false)).bullmqMinutes)
        XCTAssertNil(try probe.parseStage1(stage1Replies(metrics: false)).workerCounters)
        var none = stage1Replies()
        none[9] = list(number(0), number(-1), number(-1))
        XCTAssertNil(try probe.parseStage1(none).oldestWaitingTimestampMs)
    }

    func testStage1RefusesAReplyOfTheWrongLengthOrAFailedScript() {
        XCTAssertThrowsError(try probe.parseStage1([number(1)])) { error in
            XCTAssertEqual((error as? MonitoringError)?.code, .collectionFailed)
        }
        var replies = stage1Replies()
        replies[9] = .error("NOSCRIPT")
        XCTAssertThrowsError(try probe.parseStage1(replies))
    }

    func testStage2IsEmptyWhenCountersCoverTheWindow() throws {
        XCTAssertEqual(probe.stage2(windowStartMs: 1000, reads: .none), [])
        let stage1 = try probe.parseStage1(stage1Replies())
        let stage2 = try probe.parseStage2([], stage1: stage1, windowStartMs: 1000, reads: .none)
        XCTAssertNil(stage2.events)
        XCTAssertNil(stage2.finishedCompleted)
    }

    func testStage1ReadsTheNewestPerMinutePointOfBothMetricsLists() {
        XCTAssertTrue(probe.stage1.contains(["HMGET", "bull:email:metrics:completed", "count", "prevTS", "prevCount"]))
        XCTAssertTrue(probe.stage1.contains(["HMGET", "bull:email:metrics:failed", "count", "prevTS", "prevCount"]))
        XCTAssertTrue(probe.stage1.contains(["LINDEX", "bull:email:metrics:completed:data", "0"]))
        XCTAssertTrue(probe.stage1.contains(["LINDEX", "bull:email:metrics:failed:data", "0"]))
    }

    func testStage2WithAWindowEndReadsOnlyUpToIt() {
        XCTAssertEqual(
            probe.stage2(windowStartMs: 60_000, windowEndMs: 120_000, reads: .all),
            [
                ["XRANGE", "bull:email:events", "-", "+", "COUNT", "1"],
                ["XRANGE", "bull:email:events", "60000-0", "119999", "COUNT", "10000"],
                ["ZCOUNT", "bull:email:completed", "60000", "(120000"],
                ["ZCOUNT", "bull:email:failed", "60000", "(120000"],
                ["ZREVRANGEBYSCORE", "bull:email:completed", "(120000", "60000", "LIMIT", "0", "10"],
                ["ZREVRANGEBYSCORE", "bull:email:failed", "(120000", "60000", "LIMIT", "0", "10"],
            ])
        XCTAssertEqual(
            probe.stage2(windowStartMs: 60_000, reads: .all)[1].prefix(4),
            ["XRANGE", "bull:email:events", "60000-0", "+"])
    }

    private func entry(_ id: String, _ fields: String...) -> ProbeReply {
        .array([text(id), .array(fields.map(text))])
    }

    func testStage2ReadsTheWindowFromEventsAndFinishedJobs() throws {
        let stage1 = try probe.parseStage1(stage1Replies())
        let events = list(
            entry("1500-0", "event", "added", "jobId", "1", "name", "n"),
            entry("1500-1", "event", "delayed", "jobId", "1", "delay", "9000"),
            entry("1600-0", "event", "completed", "jobId", "2", "returnvalue", "null"),
            entry("1700-0", "event", "delayed", "jobId", "3", "delay", "9000"),
            entry("1800-0", "event", "waiting", "jobId", "4", "prev", "active"),
            entry("1900-0", "event", "stalled", "jobId", "5"),
            entry("1900-1", "event", "waiting", "jobId", "5", "prev", "active"),
            entry("2000-0", "event", "failed", "jobId", "6", "failedReason", "x"))
        let replies: [ProbeReply] = [
            list(entry("900-0", "event", "added")), events, number(3), number(1), list(text("2"), text("7")),
            list(text("6")),
        ]
        let stage2 = try probe.parseStage2(replies, stage1: stage1, windowStartMs: 1000, reads: .all)
        XCTAssertEqual(stage2.events, QueueReading.EventCounts(completed: 1, failed: 1, retries: 2, coversWindow: true))
        XCTAssertEqual(stage2.finishedCompleted, 3)
        XCTAssertEqual(stage2.finishedFailed, 1)
        XCTAssertEqual(stage2.recentFinishedIDs, ["2", "7", "6"])
    }

    func testTrimmedStreamStartingAfterTheWindowIsNotExact() throws {
        var replies = stage1Replies()
        replies[8] = list(none, text("10"))  // cap 10, length 42: trimmed
        let stage1 = try probe.parseStage1(replies)
        XCTAssertFalse(stage1.paused)
        let stage2 = try probe.parseStage2(
            [list(entry("5000-0", "event", "added")), list(), number(0), number(0), list(), list()],
            stage1: stage1, windowStartMs: 1000, reads: .all)
        XCTAssertEqual(stage2.events?.coversWindow, false)
    }

    func testStage3TurnsFinishedJobsIntoProcessingTimes() {
        XCTAssertEqual(probe.stage3(["2"]), [["HMGET", "bull:email:2", "processedOn", "finishedOn"]])
        XCTAssertEqual(
            probe.parseStage3([list(text("100"), text("130")), list(none, text("5")), list(text("9"), text("4"))]), [30]
        )
    }
}

final class CollectorHelperTests: XCTestCase {
    func testMedianOfOddAndEvenCounts() {
        XCTAssertEqual(Median.of([5, 1, 3]), 3)
        XCTAssertEqual(Median.of([4, 1, 3, 2]), 2.5)
        XCTAssertNil(Median.of([]))
    }

    func testGlobMetacharactersInThePrefixAreEscapedForScan() {
        XCTAssertEqual(RedisScan.globEscaped("{bull}"), "{bull}")
        XCTAssertEqual(RedisScan.globEscaped("a*b?[c]\\"), "a\\*b\\?\\[c\\]\\\\")
    }
}
