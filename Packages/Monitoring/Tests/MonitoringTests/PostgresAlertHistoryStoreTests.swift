import Foundation
import Monitoring
import PostgresClient
import PrivateServices
import QueueCoreTestSupport
import XCTest

/// `alert_history` on a real PostgreSQL (DATABASE_URL, else a throwaway cluster), a fresh database per test.
final class PostgresAlertHistoryStoreTests: XCTestCase {
    private var database: PostgresClient!
    private var store: PostgresAlertHistoryStore!
    private let day: Int64 = 86_400_000
    private let now = MonitoringJSON.nowMilliseconds()

    override func setUp() async throws {
        let url = try await withCheckedThrowingContinuation { continuation in
            // makeDatabase runs psql: keep it off the cooperative pool.
            Thread { continuation.resume(with: Result { try TestServices.makeDatabase(prefix: "alerts") }) }.start()
        }
        database = try PostgresClient(configuration: .init(url: url, poolSize: 2))
        store = PostgresAlertHistoryStore(database: database, retention: .seconds(7 * 86_400))
        try await store.migrate()
        try await store.migrate()
    }

    override func tearDown() async throws { database?.close() }

    func testAppendedEntriesComeBackNewestFirstWithEveryField() async throws {
        let fired = historyEntry(.fired, timeMs: now - 2000)
        let resolved = historyEntry(.resolved, timeMs: now - 1000, value: 3)
        try await store.append([fired, resolved])
        let entries = try await store.entries(matching: AlertHistoryQuery(sinceMs: now - day))
        XCTAssertEqual(entries, [resolved, fired])
    }

    func testQueriesFilterByWindowStateAndSubject() async throws {
        try await store.append([
            historyEntry(.fired, subject: "emails", timeMs: now - 4000),
            historyEntry(.repeated, subject: "emails", timeMs: now - 3000),
            historyEntry(.fired, subject: "posts", timeMs: now - 2000),
            historyEntry(.resolved, subject: "emails", timeMs: now - 1000),
        ])
        func ages(_ query: AlertHistoryQuery) async throws -> [Int64] {
            try await store.entries(matching: query).map { (now - $0.timeMs) / 1000 }
        }
        let window = try await ages(AlertHistoryQuery(sinceMs: now - 3000))
        XCTAssertEqual(window, [1, 2, 3])
        let firingEmails = try await ages(AlertHistoryQuery(sinceMs: 0, state: .firing, subject: "emails"))
        XCTAssertEqual(firingEmails, [3, 4])
        let resolved = try await ages(AlertHistoryQuery(sinceMs: 0, state: .resolved))
        XCTAssertEqual(resolved, [1])
        let unknown = try await ages(AlertHistoryQuery(sinceMs: 0, state: .unknown))
        XCTAssertEqual(unknown, [])
        let newest = try await ages(AlertHistoryQuery(sinceMs: 0, limit: 1))
        XCTAssertEqual(newest, [1])
    }

    func testRowsOlderThanTheRetentionAreDeleted() async throws {
        try await store.append([
            historyEntry(.fired, timeMs: now - 8 * day), historyEntry(.resolved, timeMs: now - 6 * day),
        ])
        let deleted = try await store.deleteExpired(nowMs: now)
        XCTAssertEqual(deleted, 1)
        let kept = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0)).map(\.kind)
        XCTAssertEqual(kept, [.resolved])
    }

    func testTransitionsRecordedWhileTheTableIsUnavailableArriveOnceItIsBack() async throws {
        let sink = AlertHistorySink(store: store, retryInterval: .milliseconds(50))
        // The writes fail with a server error while the table is away, as they would while PostgreSQL is down.
        try await database.execute("ALTER TABLE alert_history RENAME TO alert_history_away")
        sink.start()
        let alert = Alert(
            alert: .maxStalledJobs, subject: "emails", severity: .warning, value: 12, threshold: 10,
            message: "emails has 12 stalled jobs", sinceMs: now)
        sink.record(AlertTransition(kind: .fired, alert: alert, timeMs: now))
        try await waitUntil("the first write failed") { sink.status.lastError != nil }
        XCTAssertEqual(sink.status.backlog, 1)
        try await database.execute("ALTER TABLE alert_history_away RENAME TO alert_history")
        try await waitUntil("the buffered transition is written") { sink.status.written == 1 }
        await sink.stop()
        let entries = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0))
        XCTAssertEqual(entries.map(\.alert.alert), [.maxStalledJobs])
        XCTAssertEqual(entries.first?.labels, ["queue": "emails"])
        XCTAssertEqual(sink.status.backlog, 0)
    }
}
