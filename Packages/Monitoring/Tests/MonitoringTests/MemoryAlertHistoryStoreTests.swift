import Monitoring
import Synchronization
import XCTest

/// The in-memory alert history: retention by age and by count, the query filters, newest first.
final class MemoryAlertHistoryStoreTests: XCTestCase {
    private let day: Int64 = 86_400_000
    private let start: Int64 = 1_750_000_000_000

    func testEntriesComeBackNewestFirstWithTheirLabels() async throws {
        let store = MemoryAlertHistoryStore(retention: .seconds(86_400), now: { [start] in start + 100 })
        try await store.append([historyEntry(.fired, timeMs: start), historyEntry(.resolved, timeMs: start + 50)])
        let entries = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0))
        XCTAssertEqual(entries.map(\.kind), [.resolved, .fired])
        XCTAssertEqual(entries.first?.labels, ["queue": "emails"])
        XCTAssertEqual(entries.first?.alert.threshold, 1000)
        XCTAssertEqual(entries.first?.alert.state, .resolved)
    }

    func testEntriesOlderThanTheRetentionAreDroppedAsTheClockMoves() async throws {
        let clock = Mutex<Int64>(start)
        let store = MemoryAlertHistoryStore(retention: .seconds(2 * 86_400), now: { clock.withLock { $0 } })
        try await store.append([historyEntry(.fired, timeMs: start)])
        clock.withLock { $0 = start + day }
        try await store.append([historyEntry(.resolved, timeMs: start + day)])
        clock.withLock { $0 = start + 2 * day + 1 }
        let kept = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0))
        XCTAssertEqual(kept.map(\.kind), [.resolved], "the first entry is past the 2-day retention")
        let deleted = try await store.deleteExpired(nowMs: start + 2 * day + 1)
        XCTAssertEqual(deleted, 1)
        XCTAssertEqual(store.count, 1)
    }

    func testTheOldestEntriesAreDroppedBeyondTheCapacity() async throws {
        let store = MemoryAlertHistoryStore(retention: .seconds(86_400), capacity: 3, now: { [start] in start + 100 })
        try await store.append((0..<5).map { historyEntry(.fired, timeMs: start + Int64($0)) })
        XCTAssertEqual(store.count, 3)
        let times = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0)).map(\.timeMs)
        XCTAssertEqual(times, [start + 4, start + 3, start + 2])
    }

    func testQueriesFilterByWindowStateSubjectAndLimit() async throws {
        let store = MemoryAlertHistoryStore(retention: .seconds(86_400), now: { [start] in start + 100 })
        try await store.append([
            historyEntry(.fired, subject: "emails", timeMs: start),
            historyEntry(.repeated, subject: "emails", timeMs: start + 10),
            historyEntry(.fired, subject: "posts", timeMs: start + 20),
            historyEntry(.resolved, subject: "emails", timeMs: start + 30),
        ])
        func times(_ query: AlertHistoryQuery) async throws -> [Int64] {
            try await store.entries(matching: query).map { $0.timeMs - start }
        }
        let inWindow = try await times(AlertHistoryQuery(sinceMs: start + 10))
        XCTAssertEqual(inWindow, [30, 20, 10])
        let firing = try await times(AlertHistoryQuery(sinceMs: 0, state: .firing))
        XCTAssertEqual(firing, [20, 10, 0], "firing selects fired and repeated")
        let resolved = try await times(AlertHistoryQuery(sinceMs: 0, state: .resolved))
        XCTAssertEqual(resolved, [30])
        let pending = try await times(AlertHistoryQuery(sinceMs: 0, state: .pending))
        XCTAssertEqual(pending, [], "pending is never recorded")
        let emails = try await times(AlertHistoryQuery(sinceMs: 0, subject: "emails"))
        XCTAssertEqual(emails, [30, 10, 0])
        let newest = try await times(AlertHistoryQuery(sinceMs: 0, limit: 2))
        XCTAssertEqual(newest, [30, 20])
    }

    func testEntriesRoundTripThroughTheAPIJSONWithISOTimestamps() throws {
        let entry = historyEntry(.fired, timeMs: 1_763_603_817_776)
        let data = try MonitoringJSON.makeEncoder().encode(entry)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(#""time":"2025-11-20T01:56:57.776Z""#), text)
        XCTAssertTrue(text.contains(#""kind":"fired""#), text)
        XCTAssertEqual(try JSONDecoder().decode(AlertHistoryEntry.self, from: data), entry)
    }
}
