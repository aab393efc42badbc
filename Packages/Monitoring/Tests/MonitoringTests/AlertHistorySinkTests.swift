import Monitoring
import QueueCoreTestSupport
import Synchronization
import XCTest

/// The background writer of the alert history: returns at once, writes in the background, keeps what a failing
/// store refused and retries it, drops and counts what overflows the buffer.
final class AlertHistorySinkTests: XCTestCase {
    private let start: Int64 = 1_750_000_000_000

    /// A memory store that refuses writes while `failing` is set (a database that is down).
    private final class SwitchableStore: AlertHistoryStore {
        let inner = MemoryAlertHistoryStore(retention: .seconds(86_400), now: { MonitoringJSON.nowMilliseconds() })
        let failing = Mutex(false)
        let attempts = Mutex(0)
        var kind: String { "switchable" }
        var retention: Duration { inner.retention }

        struct Down: Error {}

        func append(_ entries: [AlertHistoryEntry]) async throws {
            attempts.withLock { $0 += 1 }
            if failing.withLock({ $0 }) { throw Down() }
            try await inner.append(entries)
        }

        func entries(matching query: AlertHistoryQuery) async throws -> [AlertHistoryEntry] {
            try await inner.entries(matching: query)
        }

        func deleteExpired(nowMs: Int64) async throws -> Int { try await inner.deleteExpired(nowMs: nowMs) }
    }

    private func transition(_ kind: AlertTransition.Kind, _ index: Int) -> AlertTransition {
        let now = MonitoringJSON.nowMilliseconds()
        return AlertTransition(
            kind: kind,
            alert: Alert(
                alert: .maxWaitingJobs, subject: "q\(index)", severity: .warning, value: 5, threshold: 2,
                message: "q\(index) has 5 waiting jobs", sinceMs: now),
            timeMs: now + Int64(index))
    }

    func testRecordedTransitionsReachTheStoreInTheBackground() async throws {
        let store = MemoryAlertHistoryStore(retention: .seconds(86_400))
        let sink = AlertHistorySink(store: store)
        sink.start()
        sink.record(transition(.fired, 1))
        sink.record(transition(.resolved, 2))
        try await waitUntil("both transitions are stored") { store.count == 2 }
        await sink.stop()
        let status = sink.status
        XCTAssertEqual(status.written, 2)
        XCTAssertEqual(status.backlog, 0)
        XCTAssertEqual(status.store, "memory")
        XCTAssertEqual(status.retentionDays, 1)
    }

    func testEntriesWaitWhileTheStoreFailsAndArriveOnceItRecovers() async throws {
        let store = SwitchableStore()
        store.failing.withLock { $0 = true }
        let sink = AlertHistorySink(store: store, capacity: 3, retryInterval: .milliseconds(20))
        sink.start()
        for index in 0..<5 { sink.record(transition(.fired, index)) }
        try await waitUntil("the writer has retried at least twice") { store.attempts.withLock { $0 } >= 2 }
        var status = sink.status
        XCTAssertEqual(status.backlog, 3, "the buffer holds what the store refused")
        XCTAssertEqual(status.dropped, 2, "the two beyond the capacity are dropped and counted")
        XCTAssertEqual(status.written, 0)
        XCTAssertNotNil(status.lastError)
        store.failing.withLock { $0 = false }
        try await waitUntil("the buffered entries are written") { store.inner.count == 3 }
        await sink.stop()
        status = sink.status
        XCTAssertEqual(status.backlog, 0)
        XCTAssertEqual(status.written, 3)
        XCTAssertNil(status.lastError)
        let subjects = try await store.entries(matching: AlertHistoryQuery(sinceMs: 0)).map(\.subject)
        XCTAssertEqual(subjects, ["q2", "q1", "q0"], "the first three are kept, in order")
    }

    func testStopReturnsWhileTheStoreStillFails() async throws {
        let store = SwitchableStore()
        store.failing.withLock { $0 = true }
        let sink = AlertHistorySink(store: store, retryInterval: .seconds(60))
        sink.start()
        sink.record(transition(.fired, 1))
        try await waitUntil("the write was attempted") { store.attempts.withLock { $0 } >= 1 }
        await sink.stop()
        XCTAssertEqual(sink.status.backlog, 1)
    }
}
