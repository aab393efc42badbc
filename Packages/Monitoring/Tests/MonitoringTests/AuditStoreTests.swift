import Foundation
import Monitoring
import PostgresClient
import PrivateServices
import QueueCoreTestSupport
import Synchronization
import XCTest

/// The audit log: the memory store, `audit_log` on a real PostgreSQL (DATABASE_URL, else a throwaway cluster, a fresh
/// database per test), and the log writing each entry to the structured log at once and to the store in the
/// background.
final class AuditStoreTests: XCTestCase {
    private let day: Int64 = 86_400_000
    private let now = MonitoringJSON.nowMilliseconds()

    private func entry(_ target: String, ageMs: Int64, result: String = "ok", status: Int = 200) -> AuditEntry {
        AuditEntry(
            timestampMs: now - ageMs, role: "admin", method: "POST", route: "/api/queues/:queueName/pause",
            target: target, result: result, status: status)
    }

    private func checkStore(_ store: any AuditStore) async throws {
        let old = entry("mail", ageMs: 100 * day)
        let refused = entry("mail", ageMs: 2000, result: "forbidden", status: 403)
        let done = entry("posts", ageMs: 1000)
        try await store.append([old, refused, done])
        let recent = try await store.entries(sinceMs: now - day, limit: 100)
        XCTAssertEqual(recent, [done, refused], "newest first, the window honoured")
        let newest = try await store.entries(sinceMs: 0, limit: 1)
        XCTAssertEqual(newest, [done])
        let deleted = try await store.deleteExpired(nowMs: now)
        XCTAssertEqual(deleted, store.kind == "memory" ? 0 : 1, "memory drops expired entries as it appends")
        let all = try await store.entries(sinceMs: 0, limit: 100)
        XCTAssertEqual(all, [done, refused], "the 100-day-old entry is past the 90-day retention")
    }

    func testTheMemoryStoreKeepsTheWindowNewestFirstWithinItsRetention() async throws {
        try await checkStore(MemoryAuditStore(retention: .seconds(90 * 86_400)))
    }

    func testThePostgresStoreKeepsEveryFieldNewestFirstAndDeletesExpiredRows() async throws {
        let url = try await withCheckedThrowingContinuation { continuation in
            // makeDatabase runs psql: keep it off the cooperative pool.
            Thread { continuation.resume(with: Result { try TestServices.makeDatabase(prefix: "audit") }) }.start()
        }
        let database = try PostgresClient(configuration: .init(url: url, poolSize: 2))
        defer { database.close() }
        let store = PostgresAuditStore(database: database, retention: .seconds(90 * 86_400))
        try await checkStore(store)
        try await store.migrate()
    }

    func testTheLogWritesALineAtOnceAndTheEntryInTheBackground() async throws {
        let lines = Mutex<[String]>([])
        let logger = StructuredLogger(minimumLevel: .info, output: { line in lines.withLock { $0.append(line) } })
        let store = MemoryAuditStore(retention: .seconds(86_400))
        let log = AuditLog(store: store, logger: logger)
        log.start()
        log.record(entry("mail", ageMs: 0, result: "unauthorized", status: 401))
        try await waitUntil("the entry is stored") { store.count == 1 }
        await log.stop()
        logger.flush()
        let line = try XCTUnwrap(lines.withLock { $0 }.first { $0.contains(#""event":"audit""#) })
        for fragment in [#""result":"unauthorized""#, #""status":401"#, #""target":"mail""#, #""role":"admin""#] {
            XCTAssertTrue(line.contains(fragment), line)
        }
        XCTAssertEqual(log.status.written, 1)
        XCTAssertEqual(log.status.store, "memory")
    }

    func testAnEntryEncodesItsTimeAsEpochMilliseconds() throws {
        let text = String(decoding: try JSONEncoder().encode(entry("mail", ageMs: 0)), as: UTF8.self)
        XCTAssertTrue(text.contains(#""timestamp":\#(now)"#), text)
        XCTAssertEqual(try JSONDecoder().decode(AuditEntry.self, from: Data(text.utf8)), entry("mail", ageMs: 0))
    }
}
