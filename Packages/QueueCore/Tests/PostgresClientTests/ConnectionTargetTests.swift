import XCTest

@testable import PostgresClient

final class ConnectionTargetTests: XCTestCase {
    func testURLWithCredentialsGivesHostPortAndDatabaseButNoPassword() throws {
        let target = try XCTUnwrap(
            ConnectionTarget.parse("postgres://app:s3cr%40t@db.example:6543/orders?sslmode=disable"))
        XCTAssertEqual(target.address, "db.example:6543")
        XCTAssertEqual(target.database, "orders")
        XCTAssertEqual(target.user, "app")
        XCTAssertFalse("\(target)".contains("s3cr"))
    }

    func testPostgresqlSchemeAndDefaultPortAreUnderstood() throws {
        let target = try XCTUnwrap(ConnectionTarget.parse("postgresql://127.0.0.1/maxbooster"))
        XCTAssertEqual(target.address, "127.0.0.1:5432")
        XCTAssertEqual(target.database, "maxbooster")
    }

    func testPercentEncodedSocketDirectoryIsAUnixAddress() throws {
        let target = try XCTUnwrap(ConnectionTarget.parse("postgres://%2Ftmp%2Fpg:5433/db"))
        XCTAssertEqual(target.address, "unix:/tmp/pg/.s.PGSQL.5433")
    }

    func testHostQueryParameterOverridesTheAuthority() throws {
        let target = try XCTUnwrap(ConnectionTarget.parse("postgres:///db?host=/var/run/postgresql&port=5444"))
        XCTAssertEqual(target.address, "unix:/var/run/postgresql/.s.PGSQL.5444")
        XCTAssertEqual(target.database, "db")
    }

    func testSeveralHostsAndBracketedIPv6AreAllNamed() throws {
        let target = try XCTUnwrap(ConnectionTarget.parse("postgres://u@[::1]:5432,db2:5433/x"))
        XCTAssertEqual(target.address, "[::1]:5432,db2:5433")
    }

    func testURLWithoutHostMeansTheDefaultSocket() throws {
        XCTAssertEqual(ConnectionTarget.parse("postgres://")?.address, "unix:/var/run/postgresql/.s.PGSQL.5432")
    }

    func testKeyValueStringWithQuotedValuesIsParsed() throws {
        let target = try XCTUnwrap(
            ConnectionTarget.parse(
                "host=10.0.0.7 port = 5499 dbname='my db' user=app password='it\\'s secret' connect_timeout=3"))
        XCTAssertEqual(target.address, "10.0.0.7:5499")
        XCTAssertEqual(target.database, "my db")
        XCTAssertEqual(target.user, "app")
    }

    func testStringsThatAreNeitherURLNorKeyValueAreRejected() {
        XCTAssertNil(ConnectionTarget.parse("redis://127.0.0.1:6379"))
        XCTAssertNil(ConnectionTarget.parse("just a string"))
        XCTAssertNil(ConnectionTarget.parse("password='unterminated"))
        XCTAssertNil(ConnectionTarget.parse(""))
    }

    func testConfigurationRejectsImpossibleValuesWithoutEchoingTheURL() {
        let bad: [PostgresClient.Configuration] = [
            .init(url: "mysql://root:hunter2@db/x"), .init(poolSize: 0), .init(connectTimeout: .zero),
            .init(statementTimeout: .microseconds(10)), .init(acquireTimeout: .seconds(-1)),
        ]
        for configuration in bad {
            XCTAssertThrowsError(try PostgresClient(configuration: configuration)) { error in
                XCTAssertEqual((error as? PostgresError)?.code, .invalidConfiguration)
                XCTAssertFalse("\(error)".contains("hunter2"))
            }
        }
    }

    func testOperationNamesTheStatementKeywordButNoValues() {
        XCTAssertEqual(PostgresClient.operation("query", "  insert into t values ('secret')"), "query \"INSERT\"")
        XCTAssertEqual(PostgresClient.operation("query", "(SELECT 1)"), "query \"SELECT\"")
        XCTAssertEqual(PostgresClient.operation("query", ""), "query")
    }
}

final class LibPQVersionTests: XCTestCase {
    func testLibpqVersionIsMajorDotMinor() {
        XCTAssertNotNil(PostgresClient.libpqVersion.wholeMatch(of: /[1-9][0-9]*\.[0-9]+/), PostgresClient.libpqVersion)
    }
}
