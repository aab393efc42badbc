import Foundation
import PostgresClient
import PrivateServices
import XCTest

@testable import Chaos

final class ServicesTests: XCTestCase {
    func testPostgresComesBackWithItsDataAfterAPostmasterSIGKILLAndAnImmediateStop() async throws {
        let postgres = try await offPool { try PostgresService() }
        defer { postgres.stop() }
        let url = try await offPool { try postgres.makeDatabase("kept") }
        var client = try PostgresClient(configuration: .init(url: url, poolSize: 1))
        _ = try await client.execute("CREATE TABLE kept (n int)")
        _ = try await client.execute("INSERT INTO kept VALUES (42)")
        client.close()

        let killed = try await offPool { try postgres.killPostmaster() }
        XCTAssertNotEqual(kill(killed, 0), 0, "the postmaster still runs")
        try await offPool { try postgres.start() }
        try await offPool { try postgres.stopImmediate() }
        XCTAssertNil(postgres.postmasterPID)
        try await offPool { try postgres.start() }

        client = try PostgresClient(configuration: .init(url: url, poolSize: 1))
        defer { client.close() }
        let rows = try await client.query("SELECT n FROM kept")
        XCTAssertEqual(try rows.first?.decode(Int.self, "n"), 42)
    }

    func testRedisWithEverysecKeepsThePolicyAcrossARestartAndReplaysItsAOF() throws {
        let redis = try RedisService(fsync: .everysec)
        defer { redis.stop() }
        XCTAssertTrue(try redis.cli("CONFIG", "GET", "appendfsync").contains("everysec"))
        try redis.cli("SET", "kept", "1")
        // Redis write()s the AOF before it replies, so a process SIGKILL loses nothing even with everysec (the
        // page cache survives it); only an OS crash can lose the last second.
        let before = redis.pid
        try redis.send(SIGKILL)
        try redis.restart()
        XCTAssertNotEqual(redis.pid, before)
        XCTAssertEqual(try redis.cli("GET", "kept").trimmingCharacters(in: .whitespacesAndNewlines), "1")
        XCTAssertTrue(try redis.cli("CONFIG", "GET", "appendfsync").contains("everysec"))
    }
}
