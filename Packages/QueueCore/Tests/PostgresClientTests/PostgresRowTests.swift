import Foundation
import XCTest

@testable import PostgresClient

final class PostgresRowTests: XCTestCase {
    private func row(_ type: PostgresDataType, _ text: String?) -> PostgresRow {
        PostgresRow(columns: [PostgresColumn(name: "v", type: type)], values: [text.map { Array($0.utf8) }])
    }

    func testIntegersReadFromEveryIntegerType() throws {
        XCTAssertEqual(try row(.int2, "-7").decode(Int.self, "v"), -7)
        XCTAssertEqual(try row(.int4, "2147483647").decode(Int64.self, at: 0), 2_147_483_647)
        XCTAssertEqual(try row(.int8, "-9223372036854775808").decode(Int.self, "v"), Int.min)
    }

    func testTextColumnReadAsIntIsATypeMismatchThatNamesColumnAndTypesButNotTheValue() async {
        let error = await expectPostgresError(.typeMismatch) { _ = try row(.text, "secret-42").decode(Int.self, "v") }
        XCTAssertEqual(error?.message, "column 0 \"v\" of type text cannot be read as Int")
        XCTAssertFalse("\(String(describing: error))".contains("secret"))
    }

    func testNullReadsAsNilOrThrowsForNonOptional() async throws {
        XCTAssertNil(try row(.int8, nil).decode(Int?.self, "v"))
        XCTAssertTrue(try row(.int8, nil).isNull(at: 0))
        await expectPostgresError(.unexpectedNull) { _ = try row(.int8, nil).decode(Int.self, "v") }
    }

    func testUnknownColumnNameOrIndexIsReported() async {
        let error = await expectPostgresError(.columnNotFound) { _ = try row(.text, "x").decode(String.self, "w") }
        XCTAssertEqual(error?.message, "no column named \"w\"; the result has: v")
        await expectPostgresError(.columnNotFound) { _ = try row(.text, "x").decode(String.self, at: 1) }
    }

    func testByteaHexDecodesAndMalformedHexIsAMismatch() async throws {
        XCTAssertEqual(try row(.bytea, "\\x00ff10Ab").decode([UInt8].self, "v"), [0, 255, 16, 171])
        XCTAssertEqual(try row(.bytea, "\\x").decode([UInt8].self, "v"), [])
        await expectPostgresError(.typeMismatch) { _ = try row(.bytea, "\\x0g").decode([UInt8].self, "v") }
        await expectPostgresError(.typeMismatch) { _ = try row(.bytea, "\\000").decode([UInt8].self, "v") }
        await expectPostgresError(.typeMismatch) { _ = try row(.bytea, "\\x00").decode(String.self, "v") }
    }

    func testBoolDoubleAndDateReadOnlyFromTheirTypes() async throws {
        XCTAssertEqual(try row(.bool, "t").decode(Bool.self, "v"), true)
        XCTAssertEqual(try row(.float8, "-Infinity").decode(Double.self, "v"), -.infinity)
        XCTAssertEqual(try row(.numeric, "12.50").decode(Double.self, "v"), 12.5)
        XCTAssertEqual(
            try row(.timestamptz, "1970-01-01 00:00:01+00").decode(Date.self, "v"),
            Date(timeIntervalSince1970: 1))
        await expectPostgresError(.typeMismatch) { _ = try row(.int4, "1").decode(Bool.self, "v") }
        await expectPostgresError(.typeMismatch) {
            _ = try row(.timestamp, "1970-01-01 00:00:01").decode(Date.self, "v")
        }
        await expectPostgresError(.typeMismatch) { _ = try row(.text, "1.5").decode(Double.self, "v") }
    }

    func testStringReadsTheTextOfAnyNonByteaType() throws {
        XCTAssertEqual(try row(.int8, "42").decode(String.self, "v"), "42")
        XCTAssertEqual(try row(PostgresDataType(oid: 99999), "happy").decode(String.self, "v"), "happy")
    }
}
