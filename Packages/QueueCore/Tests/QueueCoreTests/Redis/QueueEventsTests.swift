import Essentials
import Foundation
import PrivateServices
import QueueCore
import QueueCoreTestSupport
import RedisClient
import Synchronization
import XCTest

/// The events stream as an `AsyncSequence` against real Redis: typed fields, where it starts, a Redis
/// restart in the middle, errors and cancellation.
final class QueueEventsTests: QueueTestCase {
    /// Collects events from `events` in a task until `until` holds for one, within a bound.
    private func collect(
        _ events: QueueEvents, timeout: Duration = .seconds(15), until: @escaping @Sendable (QueueEvent) -> Bool
    ) -> Task<[QueueEvent], Error> {
        Task {
            try await withDeadline(timeout) {
                var seen: [QueueEvent] = []
                for try await event in events {
                    seen.append(event)
                    if until(event) { break }
                }
                return seen
            }
        }
    }

    func testAJobsLifeReadsFromTheBeginningWithItsFields() async throws {
        let id = try await queue.add("mail", json: "{}")
        let (worker, done) = try startCountingWorker()
        try await waitUntil("the job completed") { done.value == 1 }
        await worker.close()
        let events = try await collect(queue.events(from: .beginning)) { $0.kind == .completed }.value
        let mine = events.filter { $0.jobId == id }
        XCTAssertEqual(mine.map(\.kind), [.added, .waiting, .active, .completed])
        XCTAssertEqual(mine.first?.fields["name"], "mail")
        XCTAssertEqual(mine.last?.returnValue, "1")
        XCTAssertEqual(mine.last?.previousState, "active")
        let ids = mine.map(\.timestamp)
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertGreaterThan(mine.first?.timestamp ?? 0, 1_700_000_000_000)

        let resumed = try await collect(queue.events(from: .after(mine[1].id))) { $0.kind == .completed }.value
        XCTAssertEqual(resumed.filter { $0.jobId == id }.map(\.kind), [.active, .completed])
    }

    func testNowSkipsWhatWasWrittenBefore() async throws {
        let old = try await queue.add("old", json: "{}")
        let firstNew = collect(queue.events(from: .now)) { _ in true }
        // The sequence reads "now" at its first read; keep adding until it has seen one of these adds.
        let stop = Counter()
        let queue: Queue = self.queue
        let adder = Task {
            while stop.value == 0 {
                _ = try await queue.add("new", json: "{}")
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let seen = try await firstNew.value
        stop.increment()
        _ = try? await adder.value
        XCTAssertEqual(seen.count, 1)
        XCTAssertNotEqual(seen.first?.jobId, old, "an event written before the sequence started")
        XCTAssertEqual(seen.first?.kind, .added)
    }

    func testARedisRestartLosesNoEventTheStreamStillHolds() async throws {
        let server = try ThrowawayRedis(appendOnly: true)
        defer { server.stop() }
        let client = RedisClient(configuration: try RedisConfiguration(url: server.url))
        let queue = try Queue(name: TestServices.uniqueName("events"), client: client)
        let before = try await queue.add("before", json: "{}")
        let events = QueueEvents(
            queue: queue, from: .beginning, blockFor: .milliseconds(200), retryDelay: .milliseconds(100))
        let collected = collect(events, timeout: .seconds(30)) { $0.kind == .added && $0.fields["name"] == "between" }
        try await Task.detached { try server.restart() }.value
        var after: String?
        try await waitUntil("a job could be added after the restart") {
            after = try? await queue.add("after", json: "{}")
            return after != nil
        }
        // Added while the sequence may still be reconnecting: neither may be skipped.
        let between = try await queue.add("between", json: "{}")
        let seen = try await collected.value
        let added = seen.filter { $0.kind == .added }.compactMap(\.jobId)
        XCTAssertEqual(added, [before, try XCTUnwrap(after), between])
        XCTAssertEqual(Set(seen.map(\.id)).count, seen.count, "no event twice")
        await client.close()
    }

    func testAWrongKeyTypeThrowsAndCancellationEnds() async throws {
        try await redis("SET", keys.events, "not a stream")
        do {
            _ = try await collect(queue.events(from: .beginning)) { _ in true }.value
            XCTFail("reading a string as a stream must throw")
        } catch let error as RedisError {
            XCTAssertEqual(error.serverErrorPrefix, "WRONGTYPE")
        }
        try await redis("DEL", keys.events)

        let events = queue.events(from: .now)
        let reader = Task { () -> Int in
            var count = 0
            for try await _ in events { count += 1 }
            return count
        }
        // Cancel while the sequence is blocked in XREAD on the server, not before it started.
        try await waitUntil("the sequence is blocked in XREAD") {
            try await self.redis("CLIENT", "LIST").string?.contains("cmd=xread") ?? false
        }
        reader.cancel()
        let count = try await withDeadline(.seconds(10)) { try await reader.value }
        XCTAssertEqual(count, 0, "a cancelled sequence ends")
    }
}
