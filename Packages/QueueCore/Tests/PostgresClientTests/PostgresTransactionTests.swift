import XCTest

@testable import PostgresClient

private struct Abort: Error {}

final class PostgresTransactionTests: XCTestCase {
    func testTransactionCommitsWhenTheBodyReturns() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE t (v int)")
        let inserted = try await client.withTransaction { transaction in
            try await transaction.execute("INSERT INTO t VALUES ($1), ($2)", [1, 2])
        }
        XCTAssertEqual(inserted, 2)
        let count = try await client.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
        XCTAssertEqual(count, 2)
    }

    func testTransactionRollsBackWhenTheBodyThrows() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE t (v int)")
        do {
            try await client.withTransaction { transaction in
                try await transaction.execute("INSERT INTO t VALUES ($1)", [1])
                let seen = try await transaction.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
                XCTAssertEqual(seen, 1, "the transaction sees its own insert")
                throw Abort()
            }
            XCTFail("the body's error must propagate")
        } catch is Abort {}
        let count = try await client.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
        XCTAssertEqual(count, 0)
    }

    func testACaughtStatementErrorMakesTheCommitFailInsteadOfSilentlyRollingBack() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE t (v int UNIQUE)")
        let error = await expectPostgresError(.server) {
            try await client.withTransaction { transaction in
                try await transaction.execute("INSERT INTO t VALUES (1)")
                _ = try? await transaction.execute("INSERT INTO t VALUES (1)")
            }
        }
        XCTAssertEqual(error?.sqlState, "25P02")
        let count = try await client.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
        XCTAssertEqual(count, 0)
    }

    func testTransactionHandleCannotBeUsedAfterItsBodyReturned() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let escaped = try await client.withTransaction { $0 }
        await expectPostgresError(.closed) { _ = try await escaped.query("SELECT 1") }
    }

    func testConcurrentTransactionsUseSeparateConnections() async throws {
        let client = try await makeTestClient(poolSize: 2)
        defer { client.close() }
        let pids = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await client.withTransaction { transaction in
                        // Both hold their transaction open at once, so each needs its own backend.
                        let pid = try await transaction.query("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)
                        _ = try await transaction.query("SELECT pg_sleep(0.2)")
                        return pid
                    }
                }
            }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        XCTAssertEqual(pids.count, 2)
    }
}
