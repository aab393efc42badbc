import Foundation
import XCTest

@testable import PostgresClient

final class PostgresQueryTests: XCTestCase {
    func testNullUnicodeAndInjectionStringsAreStoredVerbatimAndReadBack() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE notes (id serial PRIMARY KEY, body text, extra text)")
        let bodies = [
            "Robert'); DROP TABLE notes;--", "' OR '1'='1", "$1 $2 \\x00 E'\\n'", "🚀👩🏽‍💻 emoji",
            "e\u{301} vs \u{e9} (combining mark)", "日本語テキスト", "tab\tnewline\nquote\"backslash\\", "",
        ]
        for body in bodies {
            try await client.execute("INSERT INTO notes (body, extra) VALUES ($1, $2)", [.string(body), nil])
        }
        let rows = try await client.query("SELECT body, extra FROM notes ORDER BY id")
        XCTAssertEqual(try rows.map { try $0.decode(String.self, "body") }, bodies)
        XCTAssertEqual(
            try rows.map { try $0.decode(String?.self, "extra") }, Array(repeating: nil, count: bodies.count))
        // The table survived every injection attempt, and the combining mark was not normalised away.
        let counted = try await client.query(
            "SELECT count(*) AS n FROM notes WHERE body = $1", ["e\u{301} vs \u{e9} (combining mark)"])
        XCTAssertEqual(try counted.first?.decode(Int.self, "n"), 1)
        let lengths = try await client.query("SELECT octet_length($1::text) AS n", ["e\u{301}"])
        XCTAssertEqual(try lengths.first?.decode(Int.self, "n"), 3)
    }

    func testEverySupportedTypeRoundTripsThroughTheServer() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute(
            """
            CREATE TABLE samples (i int8, i4 int4, d float8, b bool, t timestamptz, y bytea, s text, n numeric)
            """)
        let allBytes = (0...255).map(UInt8.init)
        let date = Date(timeIntervalSince1970: 1_764_393_679.123456)
        let cases: [(Int, Int, Double, Bool, Date, [UInt8], String)] = [
            (Int.max, Int(Int32.min), .pi, true, date, allBytes, "plain"),
            (Int.min, 0, -0.1, false, Date(timeIntervalSince1970: -86_400.5), [], "∑ unicode"),
            (0, 1, .infinity, true, Date(timeIntervalSince1970: 0), [0], ""),
            (42, -1, .leastNonzeroMagnitude, false, Date(timeIntervalSince1970: 4_102_444_800), [255, 0, 255], "x"),
        ]
        for (i, i4, d, b, t, y, s) in cases {
            try await client.execute(
                "INSERT INTO samples VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                [.int(i), .int(i4), .double(d), .bool(b), .date(t), .bytes(y), .string(s), "12.25"])
        }
        let rows = try await client.query("SELECT * FROM samples")
        XCTAssertEqual(rows.count, cases.count)
        for (row, expected) in zip(rows, cases) {
            XCTAssertEqual(try row.decode(Int.self, "i"), expected.0)
            XCTAssertEqual(try row.decode(Int64.self, "i"), Int64(expected.0))
            XCTAssertEqual(try row.decode(Int.self, "i4"), expected.1)
            XCTAssertEqual(try row.decode(Double.self, "d"), expected.2)
            XCTAssertEqual(try row.decode(Bool.self, "b"), expected.3)
            XCTAssertEqual(
                try row.decode(Date.self, "t").timeIntervalSince1970, expected.4.timeIntervalSince1970,
                accuracy: 1e-6)
            XCTAssertEqual(try row.decode([UInt8].self, "y"), expected.5)
            XCTAssertEqual(try row.decode(String.self, "s"), expected.6)
            XCTAssertEqual(try row.decode(Double.self, "n"), 12.25)
        }
        let nan = try await client.query("SELECT $1::float8 AS v", [.double(.nan)])
        XCTAssertTrue(try nan[0].decode(Double.self, "v").isNaN)
        // Typed parameters read back as their own type, with no cast in the SQL.
        let echoed = try await client.query(
            "SELECT $1 AS i, $2 AS b, $3 AS t, $4 AS y", [7, true, .date(date), .bytes([1, 2])])
        XCTAssertEqual(try echoed[0].decode(Int.self, "i"), 7)
        XCTAssertEqual(try echoed[0].decode(Bool.self, "b"), true)
        XCTAssertEqual(
            try echoed[0].decode(Date.self, "t").timeIntervalSince1970, date.timeIntervalSince1970, accuracy: 1e-6)
        XCTAssertEqual(try echoed[0].decode([UInt8].self, at: 3), [1, 2])
    }

    func testNullOfEveryTypeReadsAsNil() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let rows = try await client.query(
            "SELECT $1::int8 AS i, $2::float8 AS d, $3::bool AS b, $4::timestamptz AS t, $5::bytea AS y, $6::text AS s",
            [nil, nil, nil, nil, nil, nil])
        let row = try XCTUnwrap(rows.first)
        XCTAssertNil(try row.decode(Int?.self, "i"))
        XCTAssertNil(try row.decode(Double?.self, "d"))
        XCTAssertNil(try row.decode(Bool?.self, "b"))
        XCTAssertNil(try row.decode(Date?.self, "t"))
        XCTAssertNil(try row.decode([UInt8]?.self, "y"))
        XCTAssertNil(try row.decode(String?.self, "s"))
        await expectPostgresError(.unexpectedNull) { _ = try row.decode(Int.self, "i") }
    }

    func testReadingATextColumnAsIntIsATypeMismatch() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let rows = try await client.query("SELECT 'abc'::text AS name, 1::int4 AS n")
        let error = await expectPostgresError(.typeMismatch) { _ = try rows[0].decode(Int.self, "name") }
        XCTAssertEqual(error?.message, "column 0 \"name\" of type text cannot be read as Int")
        await expectPostgresError(.typeMismatch) { _ = try rows[0].decode(Date.self, "n") }
    }

    func testExecuteReturnsAffectedRowsAndColumnsAreDescribed() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE t (id int PRIMARY KEY, v text)")
        let inserted = try await client.execute("INSERT INTO t SELECT g, 'x' FROM generate_series(1, 5) g")
        XCTAssertEqual(inserted, 5)
        let updated = try await client.execute("UPDATE t SET v = $1 WHERE id > $2", ["y", 2])
        XCTAssertEqual(updated, 3)
        let rows = try await client.query("SELECT id, v FROM t WHERE id = $1", [1])
        XCTAssertEqual(rows.columns, [PostgresColumn(name: "id", type: .int4), PostgresColumn(name: "v", type: .text)])
        XCTAssertEqual(rows.affectedRows, 1)
    }

    func testUniqueViolationCarriesSQLState23505AndKeepsTheValueOutOfTheDescription() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        try await client.execute("CREATE TABLE users (email text UNIQUE)")
        try await client.execute("INSERT INTO users VALUES ($1)", ["private@example.com"])
        let error = await expectPostgresError(.server) {
            try await client.execute("INSERT INTO users VALUES ($1)", ["private@example.com"])
        }
        XCTAssertEqual(error?.sqlState, "23505")
        XCTAssertEqual(error?.operation, "query \"INSERT\"")
        XCTAssertEqual(error?.address, client.address)
        XCTAssertTrue(
            error?.detail?.contains("already exists") ?? false, "detail: \(String(describing: error?.detail))")
        let description = "\(String(describing: error))"
        XCTAssertTrue(description.contains("duplicate key value violates unique constraint"), description)
        XCTAssertFalse(description.contains("private@example.com"), description)
    }

    func testSyntaxErrorCarriesSQLState42601AndTheServerMessage() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let error = await expectPostgresError(.server) { _ = try await client.query("SELEKT 1") }
        XCTAssertEqual(error?.sqlState, "42601")
        XCTAssertEqual(error?.message, "syntax error at or near \"SELEKT\"")
        // The connection stays usable after a statement error.
        let one = try await client.query("SELECT 1 AS one")[0].decode(Int.self, "one")
        XCTAssertEqual(one, 1)
    }

    func testStatementTimeoutCancelsASlowStatementOnTheServer() async throws {
        let client = try await makeTestClient(statementTimeout: .milliseconds(200))
        defer { client.close() }
        let error = await expectPostgresError(.server) { _ = try await client.query("SELECT pg_sleep(5)") }
        XCTAssertEqual(error?.sqlState, "57014")
        let setting = try await client.query("SHOW statement_timeout")[0].decode(String.self, at: 0)
        XCTAssertEqual(setting, "200ms")
    }

    func testUnsendableParametersAreRefusedBeforeSendingAndTheConnectionStaysUsable() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let error = await expectPostgresError(.invalidParameter) {
            _ = try await client.query("SELECT $1", ["a\u{0}b"])
        }
        XCTAssertEqual(error?.message.hasPrefix("parameter $1 contains a NUL byte"), true)
        let tooMany = await expectPostgresError(.invalidParameter) {
            _ = try await client.query("SELECT 1", Array(repeating: nil, count: 65536))
        }
        XCTAssertEqual(tooMany?.message, "65536 parameters given; the protocol allows at most 65535")
        let two = try await client.query("SELECT 2 AS two")[0].decode(Int.self, "two")
        XCTAssertEqual(two, 2)
    }

    func testMegabytesOfParametersAndResultsTravelIntact() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        // Larger than the socket buffers, so sending needs several non-blocking flushes.
        let blob = (0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let text = String(repeating: "ü🚀", count: 100_000)
        let rows = try await client.query(
            "SELECT $1::bytea AS blob, $2::text AS text", [.bytes(blob), .string(text)])
        XCTAssertEqual(try rows[0].decode([UInt8].self, "blob"), blob)
        XCTAssertEqual(try rows[0].decode(String.self, "text"), text)
    }

    func testSeveralStatementsInOneQueryAreRefusedByTheServer() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let error = await expectPostgresError(.server) { _ = try await client.query("SELECT 1; SELECT 2") }
        XCTAssertEqual(error?.sqlState, "42601")
    }

    func testManyConcurrentTasksSharingThePoolEachGetTheirOwnAnswer() async throws {
        let client = try await makeTestClient(poolSize: 4)
        defer { client.close() }
        let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<100 {
                group.addTask {
                    (index, try await client.query("SELECT $1::int8 * 2 AS v", [.int(index)])[0].decode(Int.self, "v"))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        XCTAssertEqual(answers.count, 100)
        for (index, value) in answers { XCTAssertEqual(value, index * 2) }
        let backends = try await client.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()")
        XCTAssertLessThanOrEqual(try backends[0].decode(Int.self, "n"), 4)
    }
}
