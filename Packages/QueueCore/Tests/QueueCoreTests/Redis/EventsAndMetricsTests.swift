import Foundation
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

final class EventsAndMetricsTests: QueueTestCase {
    func testTheEventsStreamIsTrimmedToAboutMaxLenEvents() async throws {
        try await redis("HSET", keys.key("meta"), "opts.maxLenEvents", "50")
        _ = try await queue.addBulk(try (0..<1000).map { try Queue.NewJob(name: "e", data: [$0]) })
        let length = try await redis("XLEN", keys.key("events")).int ?? 0
        // Approximate trimming (MAXLEN ~) removes whole stream nodes of up to 100 entries.
        XCTAssertLessThanOrEqual(length, 50 + 200)
        XCTAssertGreaterThanOrEqual(length, 50)
    }

    func testFinishingInANewMinuteWritesThePreviousMinutesCountAndZerosForIdleMinutes() async throws {
        let (worker, done) = try startCountingWorker()
        for _ in 0..<3 { _ = try await queue.add("m", json: "{}") }
        try await waitUntil("three completed") { done.value == 3 }
        var metrics = try await queue.metrics(.completed)
        XCTAssertEqual(metrics.count, 3)
        XCTAssertEqual(metrics.previousCount, 0)
        XCTAssertEqual(metrics.perMinute, [])
        // Pretend the first completion happened three minutes ago: the next one closes that minute (3 jobs)
        // and back-fills two idle minutes with zeros, newest first.
        let threeMinutesAgo = (Int64(Date().timeIntervalSince1970 * 1000) / 60_000 - 3) * 60_000 + 1
        try await redis("HSET", keys.key("metrics:completed"), "prevTS", String(threeMinutesAgo))
        _ = try await queue.add("m", json: "{}")
        try await waitUntil("the fourth completed") { done.value == 4 }
        await worker.close()
        metrics = try await queue.metrics(.completed)
        XCTAssertEqual(metrics.count, 4)
        XCTAssertEqual(metrics.previousCount, 3)
        XCTAssertEqual(metrics.perMinute, [0, 0, 3])
    }
}
