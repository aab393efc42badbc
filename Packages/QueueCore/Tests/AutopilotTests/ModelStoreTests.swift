import Foundation
import PostgresClient
import PrivateServices
import XCTest

@testable import Autopilot

/// `ai_models` on a real PostgreSQL (DATABASE_URL, else a throwaway cluster), a fresh database per test.
final class ModelStoreTests: XCTestCase {
    private var database: PostgresClient!
    private var store: ModelStore!

    override func setUp() async throws {
        let url = try await withCheckedThrowingContinuation { continuation in
            // makeDatabase runs psql: keep it off the cooperative pool.
            Thread { continuation.resume(with: Result { try TestServices.makeDatabase(prefix: "autopilot") }) }.start()
        }
        database = try PostgresClient(configuration: .init(url: url, poolSize: 2))
        store = ModelStore(database: database)
        try await store.migrate()
    }

    override func tearDown() async throws { database?.close() }

    func testSeedStoresOneModelOfEachKindPerUserThatPredictsItsBestHour() async throws {
        let report = try await store.seed(users: 3, sizeKB: 8, seed: 5)
        XCTAssertEqual(report.userIDs, ["user-1", "user-2", "user-3"])
        let socialCount = try await store.count(kind: .social)
        let advertisingCount = try await store.count(kind: .advertising)
        XCTAssertEqual(socialCount, 3)
        XCTAssertEqual(advertisingCount, 3)
        let dimension = SocialEngagementModel.dimension(sizeKB: 8)
        for user in report.userIDs {
            let model = try await XCTUnwrapAsync(try await store.socialModel(for: user))
            let history = EngagementHistory.generate(userID: user, dimension: dimension, seed: 5)
            XCTAssertEqual(model.bestHour(), history.bestHour())
            XCTAssertEqual(report.bestHours[user], history.bestHour())
            let stored = try await XCTUnwrapAsync(try await store.load(userID: user, kind: .social))
            XCTAssertEqual(stored.weights.count, report.socialModelBytes)
            XCTAssertGreaterThan(stored.weights.count, 7 * 1024)
            let advertising = try await store.advertisingModel(for: user)
            XCTAssertNotNil(advertising)
        }
    }

    func testReseedingBumpsTheVersionAndAMissingUserHasNoModel() async throws {
        _ = try await store.seed(users: 1, sizeKB: 1)
        _ = try await store.seed(users: 1, sizeKB: 2)
        let stored = try await store.load(userID: "user-1", kind: .social)
        XCTAssertEqual(stored?.version, 2)
        let missing = try await store.socialModel(for: "nobody")
        XCTAssertNil(missing)
    }

    func testSeedRejectsImpossibleSizesWithTheRange() async throws {
        for (users, size) in [(0, 64), (1, 0), (1, 100_000)] {
            do {
                _ = try await store.seed(users: users, sizeKB: size)
                XCTFail("seed(users: \(users), sizeKB: \(size)) should fail")
            } catch let error as AutopilotError {
                XCTAssertEqual(error.code, .invalidParameter)
                XCTAssertTrue(error.message.contains("…"), error.message)
            }
        }
    }
}

/// `XCTUnwrap` for an async expression.
func XCTUnwrapAsync<T>(_ value: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line)
    async throws -> T
{
    let resolved = try await value()
    return try XCTUnwrap(resolved, file: file, line: line)
}
