import Foundation
import XCTest

@testable import PrivateServices

#if canImport(Glibc)
import Glibc
#endif

final class ThrowawayServerTests: XCTestCase {
    func testThrowawayRedisAnswersAndComesBackAfterSIGKILL() throws {
        let redis = try ThrowawayRedis()
        defer { redis.stop() }
        XCTAssertTrue(redis.isReady)
        let firstPID = redis.pid

        redis.send(signal: SIGKILL)
        XCTAssertFalse(redis.isReady, "a killed server must not answer")

        try redis.restart()
        XCTAssertTrue(redis.isReady)
        XCTAssertNotEqual(redis.pid, firstPID)
    }

    func testThrowawayRedisWithPasswordRefusesUnauthenticatedCommands() throws {
        let redis = try ThrowawayRedis(password: "s3cret")
        defer { redis.stop() }
        XCTAssertTrue(redis.url.contains(":s3cret@"))
        XCTAssertTrue(Network.exchange(port: redis.port, request: "GET x\r\n").hasPrefix("-NOAUTH"))
    }

    func testStoppedRedisRemovesItsDirectory() throws {
        let redis = try ThrowawayRedis()
        redis.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: redis.directory))
        XCTAssertFalse(redis.isReady)
    }

    func testThrowawayPostgresSurvivesAnImmediateStopAndRestart() throws {
        let postgres = try ThrowawayPostgres()
        defer { postgres.stop() }
        try postgres.psql("CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)")
        let firstPID = try XCTUnwrap(postgres.postmasterPID)

        try postgres.stopImmediate()
        XCTAssertThrowsError(try postgres.psql("SELECT 1"), "a stopped server must refuse connections")

        try postgres.start()
        XCTAssertNotEqual(postgres.postmasterPID, firstPID)
        try postgres.psql("DO $$ BEGIN IF (SELECT count(*) FROM kept) <> 1 THEN RAISE 'row lost'; END IF; END $$")
    }

    func testMakeDatabaseGivesAnEmptyDatabaseOfItsOwn() throws {
        let first = try TestServices.makeDatabase()
        let second = try TestServices.makeDatabase()
        XCTAssertNotEqual(first, second)
        try ChildProcess.run([
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", first, "-c", "CREATE TABLE only_here (id int)",
        ])
        XCTAssertThrowsError(
            try ChildProcess.run([
                "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", second, "-c", "SELECT * FROM only_here",
            ]))
    }

    func testUniqueNamesDoNotRepeat() {
        let names = Set((0..<1000).map { _ in TestServices.uniqueName("q") })
        XCTAssertEqual(names.count, 1000)
        XCTAssertTrue(names.allSatisfy { $0.hasPrefix("q-") })
    }
}
