import Foundation
import PrivateServices
import QueueCoreTestSupport
import XCTest

@testable import PostgresClient

final class PostgresConnectionFailureTests: XCTestCase {
    func testClientReconnectsByItselfAfterAnImmediateServerRestart() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        let client = try PostgresClient(configuration: .init(url: server.url, poolSize: 2, connectTimeout: .seconds(2)))
        defer { client.close() }
        try await client.execute("CREATE TABLE t (v int)")
        let before = try await client.query("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)

        try await offPool { try server.stopImmediate() }
        let down = await expectPostgresError(.connectionFailed) { _ = try await client.query("SELECT 1") }
        XCTAssertEqual(down?.address, "127.0.0.1:\(server.port)")
        XCTAssertEqual(down?.operation, "connect")
        XCTAssertEqual(down?.database, "postgres")
        XCTAssertTrue(
            "\(String(describing: down))".contains("on 127.0.0.1:\(server.port) (database \"postgres\")"),
            "\(String(describing: down))")

        try await offPool { try server.start() }
        // The pooled connection died with the old server; the next call makes a new one and succeeds.
        let after = try await client.query("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)
        XCTAssertNotEqual(after, before)
        try await client.execute("INSERT INTO t VALUES ($1)", [1])

        // Restarted while idle, with no call in between: the stale connection is noticed and replaced before
        // the statement is sent, so the caller sees no error at all.
        try await offPool {
            try server.stopImmediate()
            try server.start()
        }
        let count = try await client.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
        XCTAssertEqual(count, 1)
    }

    func testConnectionLostInsideATransactionFailsItAndIsNotRetried() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        let client = try PostgresClient(configuration: .init(url: server.url, poolSize: 1, connectTimeout: .seconds(2)))
        defer { client.close() }
        try await client.execute("CREATE TABLE t (v int)")
        let error = await expectPostgresError(.connectionLost) {
            try await client.withTransaction { transaction in
                try await transaction.execute("INSERT INTO t VALUES (1)")
                try await offPool { try server.stopImmediate() }
                try await offPool { try server.start() }
                try await transaction.execute("INSERT INTO t VALUES (2)")
            }
        }
        XCTAssertTrue(error?.message.contains("the connection was lost") ?? false, "\(String(describing: error))")
        // Neither insert survived (the first died with the old server), and the client works again.
        let count = try await client.query("SELECT count(*) FROM t")[0].decode(Int.self, at: 0)
        XCTAssertEqual(count, 0)
    }

    func testServerThatStopsAnsweringTimesOutAndTheConnectionIsReplaced() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        let client = try PostgresClient(
            configuration: .init(url: server.url, poolSize: 1, statementTimeout: .milliseconds(200)))
        defer { client.close() }
        // 40 MB of hex cannot fit in socket buffers, so the send itself blocks on the frozen server.
        let statements: [(String, [PostgresValue?])] = [
            ("SELECT 1", []), ("SELECT length($1::bytea)", [.bytes([UInt8](repeating: 7, count: 20_000_000))]),
        ]
        var backend = try await client.query("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)
        for (sql, parameters) in statements {
            // A frozen backend cannot honour statement_timeout: only the client's own deadline ends the wait.
            XCTAssertEqual(kill(pid_t(backend), SIGSTOP), 0)
            let started = ContinuousClock.now
            let error = await expectPostgresError(.timeout) { _ = try await client.query(sql, parameters) }
            let elapsed = ContinuousClock.now - started
            kill(pid_t(backend), SIGCONT)
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(200) + PostgresClient.Configuration.clientGrace)
            XCTAssertLessThan(elapsed, .seconds(15))
            XCTAssertEqual(error?.operation, "query \"SELECT\"")
            let replacement = try await client.query("SELECT pg_backend_pid()")[0].decode(Int.self, at: 0)
            XCTAssertNotEqual(replacement, backend)
            backend = replacement
        }
    }

    func testWrongPasswordFailsClearlyWithoutRevealingIt() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        try await offPool {
            try server.psql("CREATE ROLE app LOGIN PASSWORD 'right-password'")
            // Require passwords over TCP; the default cluster trusts everyone.
            try "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
                .write(toFile: "\(server.directory)/data/pg_hba.conf", atomically: false, encoding: .utf8)
            try server.psql("SELECT pg_reload_conf()")
        }
        let url = "postgres://app:wrong-password@127.0.0.1:\(server.port)/postgres?sslmode=disable"
        let client = try PostgresClient(configuration: .init(url: url, connectTimeout: .seconds(2)))
        defer { client.close() }
        let error = await expectPostgresError(.connectionFailed) { _ = try await client.query("SELECT 1") }
        let description = "\(String(describing: error))"
        XCTAssertTrue(description.contains("password authentication failed for user \"app\""), description)
        XCTAssertTrue(description.contains("127.0.0.1:\(server.port)"), description)
        XCTAssertFalse(description.contains("wrong-password"), description)

        let good = try PostgresClient(configuration: .init(url: url.replacingOccurrences(of: "wrong", with: "right")))
        defer { good.close() }
        let one = try await good.query("SELECT 1")[0].decode(Int.self, at: 0)
        XCTAssertEqual(one, 1)
    }

    func testRefusedPortFailsClearlyWithinTheConnectTimeout() async throws {
        let closedPort = try LoopbackSocket(listening: false)
        let client = try PostgresClient(
            configuration: .init(
                url: "postgres://postgres:pw@127.0.0.1:\(closedPort.port)/db", connectTimeout: .seconds(2)))
        defer { client.close() }
        let started = ContinuousClock.now
        let error = await expectPostgresError(.connectionFailed) { _ = try await client.query("SELECT 1") }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "bounded by the connect timeout")
        XCTAssertTrue(error?.message.contains("Connection refused") ?? false, "\(String(describing: error))")
        XCTAssertEqual(error?.address, "127.0.0.1:\(closedPort.port)")
    }

    func testServerThatNeverAnswersTimesOutAtTheConnectTimeout() async throws {
        let silent = try LoopbackSocket(listening: true)
        let client = try PostgresClient(
            configuration: .init(
                url: "postgres://postgres@127.0.0.1:\(silent.port)/db?sslmode=disable",
                connectTimeout: .milliseconds(300)))
        defer { client.close() }
        let started = ContinuousClock.now
        let error = await expectPostgresError(.timeout) { _ = try await client.query("SELECT 1") }
        let elapsed = ContinuousClock.now - started
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(250))
        XCTAssertLessThan(elapsed, .seconds(10), "bounded by the connect timeout")
        XCTAssertEqual(error?.operation, "connect")
    }

    func testCallerWaitingForABusyPoolGivesUpAtTheAcquireTimeout() async throws {
        let client = try await makeTestClient(poolSize: 1, acquireTimeout: .milliseconds(200))
        defer { client.close() }
        let held = await BusyConnection(of: client)
        let error = await expectPostgresError(.poolExhausted) { _ = try await client.query("SELECT 1") }
        XCTAssertTrue(error?.message.contains("all 1 connections stayed busy") ?? false)
        try await held.release()
        let one = try await client.query("SELECT 1")[0].decode(Int.self, at: 0)
        XCTAssertEqual(one, 1)
    }

    func testCancellingACallerThatWaitsForTheBusyPoolEndsItsWaitAtOnce() async throws {
        let client = try await makeTestClient(poolSize: 1, acquireTimeout: .seconds(60))
        defer { client.close() }
        let held = await BusyConnection(of: client)
        let waiter = Task { () async throws -> PostgresRows in try await client.query("SELECT 1") }
        let queued = await eventually { client.pool.waiterCount == 1 }
        XCTAssertTrue(queued)
        waiter.cancel()
        let error = await expectPostgresError(.cancelled) { _ = try await waiter.value }
        XCTAssertEqual(error?.message, "the task was cancelled while waiting for a connection")
        try await held.release()
    }

    func testClosedClientRefusesCalls() async throws {
        let client = try await makeTestClient()
        _ = try await client.query("SELECT 1")
        client.close()
        await expectPostgresError(.closed) { _ = try await client.query("SELECT 1") }
    }
}
