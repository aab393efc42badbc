import Foundation
import PostgresClient
import PrivateServices
import XCTest

@testable import Monitoring

/// The `baselines` table on a real PostgreSQL: nothing before the first capture, the newest after.
final class BaselineStoreTests: XCTestCase {
    func testLatestIsNilWithoutTableAndTheNewestCaptureAfterSaving() async throws {
        let database = try PostgresClient(configuration: .init(url: try TestServices.makeDatabase(prefix: "baseline")))
        defer { database.close() }
        let store = BaselineStore(database: database)
        let before = try await store.latest()
        XCTAssertNil(before, "no table yet: nothing captured")
        try await store.migrate()
        let empty = try await store.latest()
        XCTAssertNil(empty)
        let source = BaselineDocument.Source(api: "http://127.0.0.1:5000", redis: "127.0.0.1:6379", prefix: "bull")
        let older = BaselineDocument(
            capturedAt: 1_764_000_000_000, durationMs: 1000, source: source,
            figures: ["redis/ping": BaselineFigure(samples: [0.2, 0.3])])
        let newer = BaselineDocument(
            capturedAt: 1_764_000_060_000, durationMs: 2000, source: source,
            figures: ["redis/ping": BaselineFigure(samples: [0.4])])
        try await store.save(newer)
        try await store.save(older)
        let latest = try await store.latest()
        XCTAssertEqual(latest, newer)
    }
}
