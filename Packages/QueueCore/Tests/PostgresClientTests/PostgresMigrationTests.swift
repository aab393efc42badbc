import PrivateServices
import XCTest

@testable import PostgresClient

final class PostgresMigrationTests: XCTestCase {
    private let migrations = [
        Migration(
            version: 1, name: "create_posts", sql: "CREATE TABLE posts (id bigserial PRIMARY KEY, body text NOT NULL);"),
        Migration(
            version: 2, name: "add_status",
            sql: """
                ALTER TABLE posts ADD COLUMN status text NOT NULL DEFAULT 'scheduled';
                CREATE INDEX posts_status ON posts (status);
                """),
        Migration(version: 3, name: "seed", sql: "INSERT INTO posts (body) VALUES ('first');"),
    ]

    func testMigrationsRunTwiceApplyOnce() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let first = try await client.migrate(migrations)
        XCTAssertEqual(first, [1, 2, 3])
        let second = try await client.migrate(migrations)
        XCTAssertEqual(second, [])
        let posts = try await client.query("SELECT count(*) FROM posts")[0].decode(Int.self, at: 0)
        XCTAssertEqual(posts, 1, "the seed ran once")
        let recorded = try await client.query("SELECT version, name FROM schema_migrations ORDER BY version")
        XCTAssertEqual(try recorded.map { try $0.decode(Int.self, "version") }, [1, 2, 3])
        XCTAssertEqual(try recorded.map { try $0.decode(String.self, "name") }, ["create_posts", "add_status", "seed"])
    }

    func testMigrationsAreAppliedInVersionOrderWhateverTheListOrder() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let applied = try await client.migrate(migrations.reversed())
        XCTAssertEqual(applied, [1, 2, 3])
    }

    func testTwoConcurrentMigratorsApplyEachMigrationOnce() async throws {
        let url = try await offPool { try TestServices.makeDatabase(prefix: "pgmig") }
        let clients = try (0..<2).map { _ in try PostgresClient(configuration: .init(url: url, poolSize: 1)) }
        defer { clients.forEach { $0.close() } }
        // Version 1 is slow, so the second migrator surely arrives while the first holds the lock.
        var slow = migrations
        slow[0] = Migration(version: 1, name: "create_posts", sql: slow[0].sql + " SELECT pg_sleep(0.3);")
        let results = try await withThrowingTaskGroup(of: [Int].self) { group in
            for client in clients { group.addTask { [slow] in try await client.migrate(slow) } }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        XCTAssertEqual(results.flatMap { $0 }.sorted(), [1, 2, 3], "each version applied by exactly one migrator")
        let posts = try await clients[0].query("SELECT count(*) FROM posts")[0].decode(Int.self, at: 0)
        XCTAssertEqual(posts, 1)
    }

    func testAFailingMigrationRollsBackAloneAndTheNextRunResumesThere() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let broken = [
            migrations[0], Migration(version: 2, name: "add_status", sql: "ALTER TABLE posts ADD COLUMN status nope;"),
        ]
        let error = await expectPostgresError(.server) { try await client.migrate(broken) }
        XCTAssertEqual(error?.sqlState, "42704")
        XCTAssertEqual(error?.operation, "migration 2 (add_status)")
        let resumed = try await client.migrate(migrations)
        XCTAssertEqual(resumed, [2, 3])
    }

    func testRenamingAnAppliedMigrationIsAConflict() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.migrate([migrations[0]])
        let renamed = Migration(version: 1, name: "make_posts", sql: migrations[0].sql)
        let error = await expectPostgresError(.migrationConflict) { try await client.migrate([renamed]) }
        XCTAssertEqual(error?.message.hasPrefix("version 1 is recorded as \"create_posts\", not \"make_posts\""), true)
        await expectPostgresError(.migrationConflict) { try await client.migrate([migrations[0], migrations[0]]) }
    }
}
