import Foundation
import PrivateServices
import XCTest

@testable import PostgresClient

final class PostgresConnectionStringTests: XCTestCase {
    func testURLKeyValueAndUnixSocketFormsAllReachTheServer() async throws {
        let server = try await offPool { try ThrowawayPostgres() }
        defer { server.stop() }
        let socketDirectory = server.directory
        let encodedDirectory = socketDirectory.replacingOccurrences(of: "/", with: "%2F")
        let forms = [
            "postgresql://postgres@127.0.0.1:\(server.port)/postgres?sslmode=disable&connect_timeout=5",
            "host=127.0.0.1 port=\(server.port) dbname='postgres' user=postgres sslmode=disable",
            "postgres:///postgres?host=\(socketDirectory)&port=\(server.port)&user=postgres",
            "postgres://postgres@\(encodedDirectory):\(server.port)/postgres",
        ]
        for url in forms {
            let client = try PostgresClient(configuration: .init(url: url, poolSize: 1))
            defer { client.close() }
            let rows = try await client.query("SELECT current_database() AS db, current_user AS who")
            XCTAssertEqual(try rows[0].decode(String.self, "db"), "postgres", url)
            XCTAssertEqual(try rows[0].decode(String.self, "who"), "postgres", url)
        }
        let socketClient = try PostgresClient(configuration: .init(url: forms[3]))
        defer { socketClient.close() }
        XCTAssertEqual(socketClient.address, "unix:\(socketDirectory)/.s.PGSQL.\(server.port)")
    }

    func testSessionsRunInUTCWithISODatesWhateverTheServerDefault() async throws {
        let client = try await makeTestClient()
        defer { client.close() }
        let rows = try await client.query(
            "SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS style,"
                + " '2025-01-02 03:04:05+02'::timestamptz AS t")
        XCTAssertEqual(try rows[0].decode(String.self, "tz"), "UTC")
        XCTAssertEqual(try rows[0].decode(String.self, "style"), "ISO, MDY")
        XCTAssertEqual(try rows[0].decode(String.self, "t"), "2025-01-02 01:04:05+00")
    }
}
